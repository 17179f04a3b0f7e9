import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { PLAN_KINDS as KINDS, planShortTotal, planTable, workbookPlan } from "../../engine/plan";
import { shanghai } from "../../schemes/shanghai";
import type { SheetGrid } from "../../sheets/grid";
import type { StoredState } from "../../sheets/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase300,
    "& td, & th": { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, textAlign: "right", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
    "& td:first-child, & th:first-child": { textAlign: "left" },
    // Kind names stay whole ("示范党组织", never "示范党/组织"): they break only between words, if at all.
    "& th": { wordBreak: "keep-all", fontWeight: tokens.fontWeightSemibold },
  },
  total: { fontWeight: tokens.fontWeightSemibold, verticalAlign: "top" },
  nowrap: { whiteSpace: "nowrap", display: "block" },
  short: { display: "block", whiteSpace: "nowrap", fontWeight: tokens.fontWeightRegular, color: tokens.colorPaletteRedForeground1 },
  behind: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  hint: { color: tokens.colorNeutralForeground3 },
});

type Props = { grids: readonly SheetGrid[]; stored: StoredState; busy: boolean; onPlan: () => void };

/** 创建计划: per tier, year × kind as 认定 / 计划, and the running total with what is still short. */
export function PlanPanel({ grids, stored, busy, onPlan }: Props) {
  const styles = useStyles();
  const report = useMemo(() => workbookPlan(grids, stored), [grids, stored]);
  if (!report) return <Text>没有可统计的示范点表。</Text>;
  const shortTotal = planShortTotal(report);
  return (
    <div className={styles.root} data-testid="plan-panel">
      <Text>
        统计本工作簿所有示范点表。认定数 = 步骤为“认定”或“复评”且结论为“达标”的示范点，每个示范点按首次认定的年度计一次{report.latestYear !== null ? `；数据截至 ${report.latestYear} 年` : ""}。格中为“认定数 / 计划数”。
      </Text>
      {(["first", "top"] as const).map((tier) => {
        const t = planTable(report, tier);
        return (
          <div key={tier}>
            <Text weight="semibold">
              {shanghai.tiers[tier]}（目标每类 {report.targets[tier]} 个）
            </Text>
            <table className={styles.table} aria-label={`${shanghai.tiers[tier]}创建计划完成情况`}>
              <thead>
                <tr>
                  <th>年度</th>
                  {KINDS.map((k) => (
                    <th key={k}>{shanghai.kinds[k]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.years.map((y) => (
                  <tr key={y}>
                    <td>{y}</td>
                    {KINDS.map((k) => {
                      const r = t.cell(y, k);
                      return <td key={k}>{r ? `${r.recognised} / ${r.planned}` : "0 / 0"}</td>;
                    })}
                  </tr>
                ))}
                <tr className={styles.total}>
                  <td>
                    <span className={styles.nowrap}>累计</span>
                    {report.latestYear !== null && <span className={styles.nowrap}>至 {report.latestYear}</span>}
                  </td>
                  {KINDS.map((k) => {
                    const x = t.total[k];
                    return (
                      <td key={k} className={mergeClasses(x.short > 0 && styles.behind)} data-behind={x.short > 0}>
                        <span className={styles.nowrap}>
                          {x.got} / {x.planned}
                        </span>
                        {x.short > 0 && <span className={styles.short}>差 {x.short}</span>}
                      </td>
                    );
                  })}
                </tr>
              </tbody>
            </table>
          </div>
        );
      })}
      <Text size={300} className={styles.hint}>
        {shortTotal > 0 ? `截至 ${report.latestYear ?? "目前"} 年累计尚差 ${shortTotal} 个（底色标出）` : "累计认定数已达到计划"}
        {report.notCounted.length ? `；达标但未计入 ${report.notCounted.length} 条（步骤不是认定或复评）` : ""}
        {report.revoked.length ? `；复评撤销 ${report.revoked.length} 个` : ""}
      </Text>
      <div>
        <Button appearance="primary" onClick={onPlan} disabled={busy}>
          生成创建计划表
        </Button>
      </div>
    </div>
  );
}
