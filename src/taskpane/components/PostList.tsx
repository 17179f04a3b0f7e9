import { Badge, Button, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { RowResult, Status } from "../../engine/types";
import type { Filter } from "../paneState";
import { hunan } from "../../schemes/hunan";

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

const COLOUR: Record<Status, "success" | "warning" | "danger" | "informative"> = { retain: "success", rectify: "warning", revoke: "danger", error: "informative" };
const PAGE = 100;

type Props = {
  sheet: string;
  rows: readonly RowResult[];
  filter: Filter;
  canSelect: boolean;
  lastColumn: string;
  onSelect: (sheet: string, range: string) => void;
};

function title(r: RowResult): string {
  const [city, unit, name] = r.key.split("|");
  return [name, unit, city].filter(Boolean).join(" · ") || `第 ${r.row} 行`;
}

/** Posts with score, status and reasons; a post selects its row, an input error jumps to its cell. */
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
              <Badge appearance="filled" color={COLOUR[r.status]}>
                {hunan.labels[r.status]}
              </Badge>
              <Text>{r.score ?? "—"} 分</Text>
              {canSelect ? (
                <Button appearance="transparent" size="small" className={styles.name} title={`选中第 ${r.row} 行`} onClick={() => onSelect(sheet, `A${r.row}:${lastColumn}${r.row}`)}>
                  {title(r)}
                </Button>
              ) : (
                <Text className={styles.name}>{title(r)}</Text>
              )}
              <Text size={200}>第 {r.row} 行</Text>
            </div>
            {(r.errors.length > 0 || r.revocations.length > 0 || r.deductions.length > 0) && (
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
                {r.revocations.map((v) => (
                  <li key={v.rule}>撤销：{v.reason}</li>
                ))}
                {r.deductions.map((d) => (
                  <li key={d.rule}>{d.text}</li>
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
      {visible.length === 0 && <Text>没有符合条件的示范岗。</Text>}
    </>
  );
}
