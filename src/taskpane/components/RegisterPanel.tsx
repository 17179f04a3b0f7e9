import { Badge, Button, Field, Input, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { buildRegister, historyLine, monthWork, STATE_LABEL, type RegisterPost, type RegisterState, type WorkItem } from "../../engine/register";
import { registerLayout, screeningLayout } from "../../engine/registerLayouts";
import { screenCandidates, VERDICT_LABEL } from "../../engine/screening";
import type { WorkbookScore } from "../../engine/scoreWorkbook";
import { LEVEL_LABEL, POST_TYPE_LABEL } from "../../engine/yearSummary";
import type { SheetGrid } from "../../sheets/grid";
import { readCandidates, readSubmissions } from "../../sheets/registerSheets";
import { stamp, type ReportLayout } from "../../sheets/report";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  heading: { fontWeight: tokens.fontWeightSemibold },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  hint: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  work: { justifyContent: "flex-start", textAlign: "left", height: "auto", minHeight: "32px", paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, whiteSpace: "normal" },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    scrollMarginTop: "8px",
  },
  highlight: { border: `2px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  cardHead: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  small: { fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))", gap: tokens.spacingHorizontalS },
});

const STATE_COLOR: Record<RegisterState, "success" | "warning" | "danger" | "informative"> = { active: "success", "rectify-pending": "warning", revoked: "danger", expired: "informative" };

type Props = {
  grids: readonly SheetGrid[];
  score: WorkbookScore | null;
  busy: boolean;
  canSelect: boolean;
  /** The date shown first (tests pass a fixed one; otherwise today). */
  initialDate?: string;
  onSelect: (sheet: string, range: string) => void;
  onAddReport: (layout: ReportLayout) => void;
};

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** 名册 tab: the 本年度工作 of the month (each item opens its rows), the register as cards, and the screening. */
export function RegisterPanel(p: Props) {
  const styles = useStyles();
  const [date, setDate] = useState(p.initialDate ?? stamp(new Date()));
  const [highlight, setHighlight] = useState<string | null>(null);
  const asOf = isDate(date) ? date : stamp(new Date());
  const data = useMemo(() => {
    if (!p.score) return null;
    const subs = readSubmissions(p.grids);
    const reg = buildRegister(p.score, { asOf, ...(subs.sheets.length ? { submissions: subs.submissions } : {}) });
    const cands = readCandidates(p.grids);
    const screening = cands.sheets.length ? screenCandidates(cands.candidates, reg) : null;
    return { reg, subs, screening, work: monthWork(reg) };
  }, [p.score, p.grids, asOf]);

  if (!data) return <Text>先在“结果”中读取考核台账，名册按台账中所有年度的考核生成。</Text>;
  const { reg, screening, work } = data;

  const open = (w: WorkItem) => {
    if (p.canSelect && w.rows.length) {
      const sheet = w.rows[0]!.sheet;
      const rows = w.rows.filter((r) => r.sheet === sheet).map((r) => r.row);
      p.onSelect(sheet, `${Math.min(...rows)}:${Math.max(...rows)}`);
    }
    setHighlight(w.key);
    document.getElementById(cardId(w.key))?.scrollIntoView({ block: "start" });
  };

  return (
    <div className={styles.root} data-testid="register-panel">
      <div className={styles.bar}>
        <Field label="查看日期" orientation="horizontal">
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} data-testid="as-of" />
        </Field>
        <Button size="small" disabled={p.busy} onClick={() => p.onAddReport(registerLayout(reg, "当前工作簿"))}>
          生成名册工作表
        </Button>
        {screening && (
          <Button size="small" disabled={p.busy} onClick={() => p.onAddReport(screeningLayout(screening, "当前工作簿"))}>
            生成资格审查表
          </Button>
        )}
      </div>

      <section className={styles.section} data-testid="month-work" aria-label="本年度工作">
        <Text className={styles.heading}>
          本年度工作 · {asOf.slice(0, 4)} 年 {Number(asOf.slice(5, 7))} 月待办（{work.length} 项{work.some((w) => w.overdue) ? `，其中已逾期 ${work.filter((w) => w.overdue).length} 项` : ""}）
        </Text>
        {work.length === 0 && <Text className={styles.hint}>本月没有到期的复评、半年报送、期满或评选事项。</Text>}
        <ul className={styles.list}>
          {work.map((w, i) => (
            <li key={`${w.key}-${w.kind}-${w.due}-${i}`} data-kind={w.kind} data-overdue={w.overdue ? "true" : "false"}>
              <Button appearance="subtle" size="small" className={styles.work} onClick={() => open(w)} title={p.canSelect ? "在工作表中选中相关行" : "在名册中显示该示范岗"}>
                <span>
                  {w.overdue && <span className={styles.overdue}>[已逾期] </span>}
                  {w.city} {w.post}：{w.what}，截止 {w.due}
                </span>
              </Button>
            </li>
          ))}
        </ul>
      </section>

      <section className={styles.section} aria-label="名册统计">
        <div className={styles.bar} data-testid="register-counts">
          {(Object.keys(STATE_LABEL) as RegisterState[]).map((s) => (
            <Badge key={s} appearance="tint" color={STATE_COLOR[s]} data-testid={`state-${s}`}>
              {STATE_LABEL[s]} {reg.counts[s]}
            </Badge>
          ))}
        </div>
        <Text size={200} className={styles.hint}>
          {reg.reports.recorded
            ? `半年报送：已报送 ${reg.reports.submitted}，逾期后报送 ${reg.reports.late}，本月应报 ${reg.reports.due}，逾期未报 ${reg.reports.overdue}`
            : "工作簿中没有“报送情况”表：半年报送未登记（模板见命令 template register）"}
          {reg.nearDuplicates.length ? `；疑似同一示范岗 ${reg.nearDuplicates.length} 组，请核实（未合并）` : ""}
        </Text>
      </section>

      {screening && (
        <section className={styles.section} aria-label="评选资格审查" data-testid="screening">
          <Text className={styles.heading}>
            评选资格审查（{screening.candidates.length} 个候选）：{VERDICT_LABEL.eligible} {screening.counts.eligible}，{VERDICT_LABEL.ineligible} {screening.counts.ineligible}，{VERDICT_LABEL.confirm} {screening.counts.confirm}
          </Text>
          <ul className={styles.list}>
            {screening.candidates
              .filter((c) => c.verdict !== "eligible")
              .map((c) => (
                <li key={`${c.sheet}-${c.row}`} className={styles.small}>
                  {VERDICT_LABEL[c.verdict]}：{c.city} {c.name} — {c.findings.map((f) => f.text).join("；")}
                </li>
              ))}
          </ul>
        </section>
      )}

      <section aria-label="示范岗名册">
        <Text className={styles.heading}>示范岗名册（{reg.posts.length} 个，截至 {asOf}）</Text>
        <ul className={mergeClasses(styles.list, styles.grid)} data-testid="register-list">
          {reg.posts.map((post) => (
            <PostCard key={post.key} post={post} highlighted={highlight === post.key} />
          ))}
        </ul>
      </section>
    </div>
  );
}

const cardId = (key: string) => `post-${key}`;

function PostCard({ post, highlighted }: { post: RegisterPost; highlighted: boolean }) {
  const styles = useStyles();
  return (
    <li id={cardId(post.key)} className={mergeClasses(styles.card, highlighted && styles.highlight)} data-state={post.state} data-highlighted={highlighted ? "true" : "false"}>
      <div className={styles.cardHead}>
        <Text className={styles.name}>{post.name}</Text>
        <Badge appearance="tint" color={STATE_COLOR[post.state]}>
          {STATE_LABEL[post.state]}
          {post.state === "revoked" && post.revokedYear !== null ? `（${post.revokedYear}）` : ""}
        </Badge>
      </div>
      <Text className={styles.small}>
        {post.city} · {post.unit}
        {post.postType ? ` · ${POST_TYPE_LABEL[post.postType]}` : ""}
        {post.level ? ` · ${LEVEL_LABEL[post.level]}` : ""}
        {post.validThrough !== null ? ` · 示范期至 ${post.validThrough}` : ""}
      </Text>
      <Text className={styles.small}>{historyLine(post.history)}</Text>
      {post.next && (
        <Text className={styles.small}>
          下一步：{post.next.what}
          {post.next.due ? `（截止 ${post.next.due}）` : ""}
        </Text>
      )}
    </li>
  );
}
