import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { workbookPlan } from "../../engine/plan";
import { shanghai } from "../../schemes/shanghai";
import type { SheetGrid } from "../../sheets/grid";
import type { StoredState } from "../../sheets/port";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "1px 6px", textAlign: "right" }, "& td:first-child, & th:first-child": { textAlign: "left" } },
  behind: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  hint: { color: tokens.colorNeutralForeground3 },
});

type Props = { grids: readonly SheetGrid[]; stored: StoredState; busy: boolean; onPlan: () => void };

/** 创建计划: per tier, year × kind as 认定/计划 with the running total; years behind plan are shaded. */
export function PlanPanel({ grids, stored, busy, onPlan }: Props) {
  const styles = useStyles();
  const report = useMemo(() => workbookPlan(grids, stored), [grids, stored]);
  if (!report) return <Text>没有可统计的示范点表。</Text>;
  const years = [...new Set(report.plan.map((r) => r.year))];
  return (
    <div className={styles.root} data-testid="plan-panel">
      <Text>
        统计本工作簿所有示范点表。认定数 = 步骤为“认定”或“复评”且结论为“达标”的示范点，每个示范点按首次认定的年度计一次{report.latestYear !== null ? `；数据截至 ${report.latestYear} 年` : ""}。格中为“认定/计划”，括号内为累计。
      </Text>
      {(["first", "top"] as const).map((tier) => (
        <div key={tier}>
          <Text weight="semibold">
            {shanghai.tiers[tier]}（目标每类 {report.targets[tier]} 个）
          </Text>
          <table className={styles.table} aria-label={`${shanghai.tiers[tier]}创建计划完成情况`}>
            <thead>
              <tr>
                <th>类别</th>
                {years.map((y) => (
                  <th key={y}>{y}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(["org", "point", "post"] as const).map((kind) => (
                <tr key={kind}>
                  <td>{shanghai.kinds[kind]}</td>
                  {years.map((y) => {
                    const r = report.plan.find((x) => x.tier === tier && x.kind === kind && x.year === y)!;
                    return (
                      <td key={y} className={mergeClasses(r.behind && styles.behind)} title={r.behind ? `落后于计划 ${r.cumulativePlanned - r.cumulativeRecognised} 个` : undefined}>
                        {r.recognised}/{r.planned}（{r.cumulativeRecognised}/{r.cumulativePlanned}）
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <Text size={200} className={styles.hint}>
        {report.plan.some((r) => r.behind) ? `落后于计划：${report.plan.filter((r) => r.behind).length} 处（底色标出）` : "没有落后于计划的年度"}
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
