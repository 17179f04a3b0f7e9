import { Badge, Button, Input, Link, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { TONE, type DisplayRow, type Tone } from "../displayRows";
import type { Filter } from "../paneState";

const useStyles = makeStyles({
  tools: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  search: { flexGrow: 1, minWidth: "160px", maxWidth: "100%" },
  pick: { minWidth: "96px", maxWidth: "100%" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: {
    padding: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  name: { flexGrow: 1, minWidth: 0, textAlign: "left", justifyContent: "flex-start", padding: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  meta: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", color: tokens.colorNeutralForeground2 },
  trigger: { color: tokens.colorPaletteRedForeground1 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300, overflowWrap: "anywhere" },
});

const COLOUR: Record<Tone, "success" | "warning" | "danger" | "informative"> = { good: "success", warn: "warning", bad: "danger", error: "informative" };
const PAGE = 100;
const ALL = "all";

type Props = {
  sheet: string;
  rows: readonly DisplayRow[];
  /** The status chosen on the count tiles. */
  filter: Filter;
  canSelect: boolean;
  lastColumn: string;
  onSelect: (sheet: string, range: string) => void;
};

/** What the search box and the 市州/年度 pickers leave of the rows (the status filter comes from the tiles). */
export function filterRows(rows: readonly DisplayRow[], f: { status: Filter; text: string; city: string; year: string }): DisplayRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.status === ALL || r.status === f.status) &&
      (f.city === ALL || r.city === f.city) &&
      (f.year === ALL || String(r.year ?? "") === f.year) &&
      (!text || r.search.includes(text)),
  );
}

/** Rows with status, record (year · round), score meaning and reasons; search by name/unit, filter by 市州 and year. */
export function PostList({ sheet, rows, filter, canSelect, lastColumn, onSelect }: Props) {
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  const [text, setText] = useState("");
  const [city, setCity] = useState(ALL);
  const [year, setYear] = useState(ALL);
  const cities = useMemo(() => [...new Set(rows.map((r) => r.city).filter(Boolean))].sort((a, b) => a.localeCompare(b, "zh")), [rows]);
  const years = useMemo(() => [...new Set(rows.map((r) => String(r.year ?? "")))].sort().reverse(), [rows]);
  const visible = useMemo(() => filterRows(rows, { status: filter, text, city, year }), [rows, filter, text, city, year]);
  const narrowed = visible.length !== rows.length;
  return (
    <>
      <div className={styles.tools} role="search" aria-label="查找考核记录">
        {/* Native controls (Input, Select): the pane's first download stays small; Dropdown brings a popup library. */}
        <Input className={styles.search} type="search" placeholder="按示范岗名称或单位查找" aria-label="按示范岗名称或单位查找" value={text} onChange={(_, d) => setText(d.value)} data-testid="post-search" />
        {cities.length > 1 && (
          <Select className={styles.pick} aria-label="按市州筛选" data-testid="city-filter" value={city} onChange={(_, d) => setCity(d.value)}>
            <option value={ALL}>全部市州</option>
            {cities.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        )}
        {years.length > 1 && (
          <Select className={styles.pick} aria-label="按考核年度筛选" data-testid="year-filter" value={year} onChange={(_, d) => setYear(d.value)}>
            <option value={ALL}>全部年度</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y ? `${y}年` : "年度未填"}
              </option>
            ))}
          </Select>
        )}
      </div>
      {narrowed && (
        <Text size={300} data-testid="shown-count">
          显示 {visible.length} / {rows.length} 条考核记录
        </Text>
      )}
      <ul className={styles.list} aria-label="考核结果" data-testid="post-list">
        {visible.slice(0, shown).map((r) => (
          <li key={r.row} className={styles.item} data-status={r.status}>
            <div className={styles.head}>
              <Badge appearance="filled" color={COLOUR[TONE[r.status] ?? "error"]}>
                {r.label}
              </Badge>
              {canSelect ? (
                <Button appearance="transparent" className={styles.name} title={`在工作表中选中第 ${r.row} 行`} onClick={() => onSelect(sheet, `A${r.row}:${lastColumn}${r.row}`)}>
                  {r.title}
                </Button>
              ) : (
                <Text className={styles.name}>{r.title}</Text>
              )}
            </div>
            <div className={styles.meta} data-testid="post-meta">
              <Text>{r.meta}</Text>
              {r.scoreText && <Text className={r.scoreText.startsWith("因") ? styles.trigger : undefined}>{r.scoreText}</Text>}
              <Text>第 {r.row} 行</Text>
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
      {visible.length === 0 && <Text>没有符合条件的考核记录。</Text>}
    </>
  );
}
