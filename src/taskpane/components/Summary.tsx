import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { TONE } from "../displayRows";
import type { Counts, Filter } from "../paneState";

const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "repeat(4, minmax(0, 1fr))", gap: tokens.spacingHorizontalXS },
  six: { gridTemplateColumns: "repeat(3, minmax(0, 1fr))" },
  tile: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    padding: `${tokens.spacingVerticalXS} 0`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    // A native button takes the browser's button text colour (black), unreadable on the dark theme's tiles.
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    cursor: "pointer",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  good: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  warn: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  bad: { backgroundColor: tokens.colorPaletteRedBackground1 },
  error: { backgroundColor: tokens.colorNeutralBackground3 },
  number: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
});

type Props = { counts: Counts; statuses: readonly string[]; labels: Record<string, string>; filter: Filter; onFilter: (f: Filter) => void; className?: string };

/** Counts by status (保持/整改/撤销/数据有误, or 达标/未达标/…); a tile is also the filter for the list below. */
export function Summary({ counts, statuses, labels, filter, onFilter, className }: Props) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.root, statuses.length > 4 && styles.six, className)} role="group" aria-label="考核结论统计">
      {statuses.map((s) => (
        <button
          key={s}
          type="button"
          data-testid={`count-${s}`}
          aria-pressed={filter === s}
          className={mergeClasses(styles.tile, styles[TONE[s] ?? "error"], filter === s && styles.selected)}
          onClick={() => onFilter(filter === s ? "all" : s)}
        >
          <span className={styles.number}>{counts[s] ?? 0}</span>
          <Text size={200}>{labels[s]}</Text>
        </button>
      ))}
    </div>
  );
}
