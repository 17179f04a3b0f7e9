import { Button, Checkbox, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import type { Consolidation } from "../../engine/consolidate";
import { bandLabel } from "../../engine/reportLayouts";
import type { WorkbookScore } from "../../engine/scoreWorkbook";
import { tallySurvey } from "../../engine/survey";
import { summarizeYear } from "../../engine/yearSummary";
import { hunan } from "../../schemes/hunan";
import { resolveSettings, type SettingsInput } from "../../schemes/schema";
import type { SheetGrid } from "../../sheets/grid";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  heading: { fontWeight: tokens.fontWeightSemibold },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
  band: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  bandTitle: { fontWeight: tokens.fontWeightSemibold },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "1px 4px", textAlign: "right" }, "& td:first-child, & th:first-child": { textAlign: "left" } },
});

type Props = {
  grids: readonly SheetGrid[] | null;
  score: WorkbookScore | null;
  settings: SettingsInput | undefined;
  busy: boolean;
  /** The host can open a new workbook window (Excel) rather than download. */
  excel: boolean;
  onTally: (fill: boolean) => void;
  onSummary: (separate: boolean) => void;
  onConsolidate: (files: File[]) => Promise<Consolidation | null>;
  onProvince: (c: Consolidation) => void;
};

/** The quarterly tally, the year summary and the provincial consolidation, each previewed before it is made. */
export function ReportsPanel(p: Props) {
  const styles = useStyles();
  const [fill, setFill] = useState(false);
  const [consolidation, setConsolidation] = useState<Consolidation | null>(null);
  const files = useRef<HTMLInputElement>(null);
  const tally = useMemo(() => {
    if (!p.grids) return null;
    try {
      return tallySurvey(p.grids, hunan, resolveSettings(hunan, p.settings));
    } catch {
      return null;
    }
  }, [p.grids, p.settings]);
  const summary = useMemo(() => {
    try {
      return p.score ? summarizeYear(p.score, hunan) : null;
    } catch {
      return null;
    }
  }, [p.score]);
  const count = (b: string) => tally?.tally.filter((t) => t.band === b).length ?? 0;
  const L = hunan.labels;
  const quarter = (q: number) => `第${"一二三四"[q - 1]}季度`;
  const bandLists = tally
    ? (["revoke", "deduct", null] as const)
        .map((b) => ({ b, entries: tally.tally.filter((t) => t.band === b) }))
        .filter((x) => x.entries.length > 0)
    : [];
  const statusLists = summary
    ? (["revoke", "rectify", "error"] as const).map((st) => ({ st, rows: summary.rows.filter((r) => r.status === st) })).filter((x) => x.rows.length > 0)
    : [];

  return (
    <div className={styles.root}>
      {p.grids && (
        <section className={styles.section} aria-label="季度满意度汇总">
          <Text className={styles.heading}>季度服务满意度汇总</Text>
          {tally ? (
            <>
              <Text data-testid="tally-summary">
                调查表{tally.sheets.map((s) => `「${s.sheet}」`).join("")}：{tally.tally.length} 个“示范岗 × 季度”，{bandLabel("ok", hunan)} {count("ok")} · {bandLabel("deduct", hunan)} {count("deduct")} · {bandLabel("revoke", hunan)} {count("revoke")}
              </Text>
              {bandLists.map(({ b, entries }) => (
                <div key={b ?? "none"} data-testid={`band-${b ?? "none"}`}>
                  <Text className={styles.bandTitle}>
                    {bandLabel(b, hunan)}（{entries.length}）
                  </Text>
                  <ul className={styles.band}>
                    {entries.map((e, i) => (
                      <li key={i}>
                        {[e.city, e.post].filter(Boolean).join(" ")}：{e.year}年{quarter(e.quarter)}
                        {e.rate !== null ? `，满意度 ${(e.rate * 100).toFixed(2)}%` : "，没有有效样本"}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
              {tally.unmatched.length > 0 && <Text size={200}>未能对应：{tally.unmatched.map((u) => `${u.city ?? ""}${u.post}${u.kind === "no-survey" ? `（缺 ${u.year} 年第 ${u.quarter} 季度）` : "（台账中没有）"}`).join("；")}</Text>}
              {tally.errors.length > 0 && <Text size={200}>无法归属的调查记录 {tally.errors.length} 行：{tally.errors.slice(0, 3).map((e) => e.message).join("；")}</Text>}
              <Checkbox label="同时把满意度填入台账的季度满意度列（可撤销）" checked={fill} disabled={!tally.ledgerSheets.length} onChange={(_, d) => setFill(d.checked === true)} />
              <div className={styles.bar}>
                <Button onClick={() => p.onTally(fill)} disabled={p.busy}>
                  生成满意度汇总表
                </Button>
              </div>
            </>
          ) : (
            <Text size={200} className={styles.hint}>
              本工作簿中没有满意度调查表（需要“示范岗名称”和“评价”列，或“满意人数/基本满意人数/不满意人数”列）。
            </Text>
          )}
        </section>
      )}
      {p.grids && (
        <section className={styles.section} aria-label="年度汇总">
          <Text className={styles.heading}>年度汇总（报省总站）</Text>
          {summary ? (
            <>
              <Text data-testid="summary-line">
                {summary.year} 年 {summary.rows.length} 个示范岗（每个示范岗取本年度最后一次考核记录）：{L.retain} {summary.byStatus.retain} · {L.rectify} {summary.byStatus.rectify} · {L.revoke} {summary.byStatus.revoke} · {L.error} {summary.byStatus.error}；平均 {summary.averageScore ?? "—"} 分
              </Text>
              {statusLists.map(({ st, rows }) => (
                <div key={st} data-testid={`status-${st}`}>
                  <Text className={styles.bandTitle}>
                    {L[st]}（{rows.length}）
                  </Text>
                  <ul className={styles.band}>
                    {rows.map((r) => (
                      <li key={`${r.sheet}-${r.row}`}>
                        {[r.city, r.name].filter(Boolean).join(" ")}
                        {/* A revocation shows why (a trigger, or the score in its sentence), never a bare "100 分". */}
                        {st === "rectify" && r.score !== null ? `：${r.score} 分` : ""}
                        {st === "revoke" ? `：${r.revokeReasons.split("\n")[0] || "得分未达要求"}` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
              {summary.unchecked.map((n) => (
                <Text key={n} size={300} className={styles.hint}>
                  说明：{n}
                </Text>
              ))}
              <Text size={200}>
                撤销 {summary.revoked.length} 个（省级 {summary.revoked.filter((r) => r.level === "省级").length}）；本年期满 {summary.expiring.length} 个；待复评 {summary.awaitingReview.length} 个；评选检查 {summary.selection.length} 条
              </Text>
              <div className={styles.bar}>
                <Button onClick={() => p.onSummary(false)} disabled={p.busy}>
                  生成年度汇总表
                </Button>
                <Button onClick={() => p.onSummary(true)} disabled={p.busy}>
                  {p.excel ? "另存为单独工作簿" : "下载年度汇总.xlsx"}
                </Button>
              </div>
            </>
          ) : (
            <Text size={200} className={styles.hint}>
              需要一张有“考核年度”的考核台账。
            </Text>
          )}
        </section>
      )}
      <section className={styles.section} aria-label="全省汇总">
        <Text className={styles.heading}>全省汇总（省总站）</Text>
        <Text size={200} className={styles.hint}>
          选择各市州报来的年度汇总表或已评分台账（可多选），在本机读取，不上传。
        </Text>
        <input
          ref={files}
          type="file"
          accept=".xlsx"
          multiple
          hidden
          data-testid="consolidate-input"
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            e.target.value = "";
            if (picked.length) void p.onConsolidate(picked).then(setConsolidation);
          }}
        />
        <div className={styles.bar}>
          <Button onClick={() => files.current?.click()} disabled={p.busy}>
            选择市州文件…
          </Button>
          {consolidation && (
            <Button appearance="primary" onClick={() => p.onProvince(consolidation)} disabled={p.busy || !consolidation.files.length}>
              {p.grids ? "生成全省汇总表" : "下载全省汇总.xlsx"}
            </Button>
          )}
        </div>
        {consolidation && (
          <div data-testid="consolidation">
            <Text size={200}>
              已读取 {consolidation.files.length} 个文件，{consolidation.posts.length} 个示范岗（每个示范岗一条考核记录）
              {consolidation.skippedFiles.length > 0 && `；跳过：${consolidation.skippedFiles.map((f) => `${f.file}（${f.reason}）`).join("；")}`}
            </Text>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>市州</th>
                  <th>岗位</th>
                  <th>{L.retain}</th>
                  <th>{L.rectify}</th>
                  <th>{L.revoke}</th>
                  <th>{L.error}</th>
                  <th>待核实</th>
                  <th>平均</th>
                </tr>
              </thead>
              <tbody>
                {consolidation.cities.map((c) => (
                  <tr key={c.city}>
                    <td>{c.city}</td>
                    <td>{c.posts}</td>
                    <td>{c.retain}</td>
                    <td>{c.rectify}</td>
                    <td>{c.revoke}</td>
                    <td>{c.error}</td>
                    <td>{c.unverified}</td>
                    <td>{c.averageScore ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Text size={200}>
              未报送：{consolidation.missingCities.join("、") || "无"}；名额提示 {consolidation.quotaWarnings.length} 条；重复上报 {consolidation.duplicates.length} 个；待核实结论 {consolidation.unplaced.length} 个；与得分不符 {consolidation.contradictions.length} 个；应撤销省级称号 {consolidation.provincialRevocations.length} 个
            </Text>
          </div>
        )}
      </section>
    </div>
  );
}
