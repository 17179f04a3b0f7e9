import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { Status } from "../../engine/types";
import type { Counts, Filter } from "../paneState";
import { hunan } from "../../schemes/hunan";

const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "repeat(4, minmax(0, 1fr))", gap: tokens.spacingHorizontalXS },
  tile: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    padding: `${tokens.spacingVerticalXS} 0`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: "pointer",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  retain: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  rectify: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  revoke: { backgroundColor: tokens.colorPaletteRedBackground1 },
  error: { backgroundColor: tokens.colorNeutralBackground3 },
  number: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
});

type Props = { counts: Counts; filter: Filter; onFilter: (f: Filter) => void; className?: string };

/** Counts by 保持/整改/撤销/数据有误; a tile is also the filter for the list below. */
export function Summary({ counts, filter, onFilter, className }: Props) {
  const styles = useStyles();
  const order: Status[] = ["retain", "rectify", "revoke", "error"];
  return (
    <div className={mergeClasses(styles.root, className)} role="group" aria-label="考核结论统计">
      {order.map((s) => (
        <button
          key={s}
          type="button"
          data-testid={`count-${s}`}
          aria-pressed={filter === s}
          className={mergeClasses(styles.tile, styles[s], filter === s && styles.selected)}
          onClick={() => onFilter(filter === s ? "all" : s)}
        >
          <span className={styles.number}>{counts[s]}</span>
          <Text size={200}>{hunan.labels[s]}</Text>
        </button>
      ))}
    </div>
  );
}
