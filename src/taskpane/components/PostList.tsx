import { Badge, Button, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { TONE, type DisplayRow, type Tone } from "../displayRows";
import type { Filter } from "../paneState";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: {
    padding: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  name: { flexGrow: 1, minWidth: 0, textAlign: "left", justifyContent: "flex-start", padding: 0, fontWeight: tokens.fontWeightSemibold },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const COLOUR: Record<Tone, "success" | "warning" | "danger" | "informative"> = { good: "success", warn: "warning", bad: "danger", error: "informative" };
const PAGE = 100;

type Props = {
  sheet: string;
  rows: readonly DisplayRow[];
  filter: Filter;
  canSelect: boolean;
  lastColumn: string;
  onSelect: (sheet: string, range: string) => void;
};

/** Rows with score, status and reasons; a row's title selects it, an input error jumps to its cell. */
export function PostList({ sheet, rows, filter, canSelect, lastColumn, onSelect }: Props) {
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  const visible = rows.filter((r) => filter === "all" || r.status === filter);
  return (
    <>
      <ul className={styles.list} aria-label="考核结果" data-testid="post-list">
        {visible.slice(0, shown).map((r) => (
          <li key={r.row} className={styles.item} data-status={r.status}>
            <div className={styles.head}>
              <Badge appearance="filled" color={COLOUR[TONE[r.status] ?? "error"]}>
                {r.label}
              </Badge>
              <Text>{r.score ?? "—"} 分</Text>
              {canSelect ? (
                <Button appearance="transparent" size="small" className={styles.name} title={`选中第 ${r.row} 行`} onClick={() => onSelect(sheet, `A${r.row}:${lastColumn}${r.row}`)}>
                  {r.title}
                </Button>
              ) : (
                <Text className={styles.name}>{r.title}</Text>
              )}
              <Text size={200}>第 {r.row} 行</Text>
            </div>
            {(r.errors.length > 0 || r.lines.length > 0) && (
              <ul className={styles.reasons}>
                {r.errors.map((e) => (
                  <li key={e.cell}>
                    {canSelect ? (
                      <Link as="button" onClick={() => onSelect(sheet, e.cell)}>
                        {e.message}
                      </Link>
                    ) : (
                      e.message
                    )}
                  </li>
                ))}
                {r.lines.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {visible.length > shown && (
        <Button appearance="subtle" onClick={() => setShown(shown + PAGE)}>
          再显示 {Math.min(PAGE, visible.length - shown)} 条（共 {visible.length} 条）
        </Button>
      )}
      {visible.length === 0 && <Text>没有符合条件的记录。</Text>}
    </>
  );
}
