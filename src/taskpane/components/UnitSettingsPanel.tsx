import { Button, Checkbox, Dropdown, Field, Input, makeStyles, Option, Text, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { resolveAdditiveSettings, type AdditiveSettingsInput } from "../../schemes/schema";
import { shanghai } from "../../schemes/shanghai";
import type { Tier } from "../../schemes/types";
import { unitFieldErrors } from "../settingsText";
import { useSettingsDraft } from "../useSettingsDraft";
import { SettingsActions } from "./SettingsActions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  number: { width: "96px" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, "& td, & th": { padding: "2px 4px" } },
});

type Props = { settings: AdditiveSettingsInput | undefined; onChange: (s: AdditiveSettingsInput) => void; onDirty?: (dirty: boolean) => void };

const GRADES = ["优", "良", "中", "差"] as const;

/** The shanghai scheme's open boundaries and the creation plan (附件 1), stored in the workbook; defaults in src/schemes/shanghai.ts. */
export function UnitSettingsPanel({ settings, onChange, onDirty }: Props) {
  const styles = useStyles();
  const d = shanghai.defaults;
  const { draft, setDraft, errors, problem, state, dirty, apply, reset } = useSettingsDraft<AdditiveSettingsInput>(
    settings,
    (x) => unitFieldErrors(x),
    (x) => resolveAdditiveSettings(shanghai, x),
    onChange,
  );
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const msg = (k: string) => (errors[k] ? { validationState: "error" as const, validationMessage: errors[k] } : {});
  const [newYear, setNewYear] = useState("");
  const num = (v: string) => (v.trim() === "" ? undefined : Number(v));
  const plan = { first: { ...(draft.plan?.first ?? d.plan.first) }, top: { ...(draft.plan?.top ?? d.plan.top) } };
  const years = [...new Set([...Object.keys(plan.first), ...Object.keys(plan.top)])].sort();
  const setPlan = (tier: Tier, year: string, value: number | undefined) => {
    const next = { ...plan[tier] };
    if (value === undefined) delete next[year];
    else next[year] = value;
    setDraft({ ...draft, plan: { ...plan, [tier]: next } });
  };
  const shares = { ...d.gradeShares, ...(draft.gradeShares ?? {}) };
  return (
    <div className={styles.root}>
      <Text>上海“治水管海先锋”方案原文没有写明的边界和各年度创建计划（附件1）。保存后写入本工作簿，并立即重新计分。</Text>
      <Field label="达标分（总分不低于此分为达标）" hint={`默认 ${d.passMark}`} {...msg("passMark")}>
        <Input className={styles.number} type="number" placeholder={String(d.passMark)} value={draft.passMark === undefined || Number.isNaN(draft.passMark) ? "" : String(draft.passMark)} onChange={(_, v) => setDraft({ ...draft, passMark: num(v.value) })} />
      </Field>
      <Field
        label="等次折算（占该项满分的百分比）"
        hint="默认 优 100%、良 80%、中 60%、差 0%；A/B/C/D 同"
        {...msg(Object.keys(errors).find((k) => k.startsWith("gradeShares")) ?? "gradeShares")}
      >
        <div className={styles.pair}>
          {GRADES.map((g) => (
            <Input
              key={g}
              className={styles.number}
              type="number"
              contentBefore={g}
              contentAfter="%"
              aria-label={`${g}的折算比例`}
              value={String(Math.round((shares[g] ?? 0) * 100))}
              onChange={(_, v) => {
                const pct = num(v.value);
                const letter = "ABCD"[GRADES.indexOf(g)]!;
                const share = pct === undefined ? undefined : pct / 100;
                setDraft({ ...draft, gradeShares: { ...(draft.gradeShares ?? {}), ...(share === undefined ? {} : { [g]: share, [letter]: share }) } });
              }}
            />
          ))}
        </div>
      </Field>
      <Field label="评分项空白时">
        <Dropdown
          value={(draft.blankCriterion ?? d.blankCriterion) === "unverified" ? "待核实（不计算总分）" : "按 0 分计"}
          selectedOptions={[draft.blankCriterion ?? d.blankCriterion]}
          onOptionSelect={(_, o) => setDraft({ ...draft, blankCriterion: o.optionValue === "zero" ? "zero" : "unverified" })}
        >
          <Option value="unverified">待核实（不计算总分）</Option>
          <Option value="zero">按 0 分计</Option>
        </Dropdown>
      </Field>
      <Checkbox
        label="“治水管海先锋”同时计入“水务工程建设先锋”认定数"
        checked={draft.topCountsAsFirst ?? d.topCountsAsFirst}
        onChange={(_, v) => setDraft({ ...draft, topCountsAsFirst: v.checked === true })}
      />
      <Text weight="semibold">各年度创建计划（每年示范党组织、示范服务点、党员示范岗各按此数）</Text>
      <table className={styles.table} aria-label="各年度创建计划">
        <thead>
          <tr>
            <th>年份</th>
            <th>{shanghai.tiers.first}</th>
            <th>{shanghai.tiers.top}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y}>
              <td>{y}</td>
              {(["first", "top"] as const).map((t) => (
                <td key={t}>
                  <Input className={styles.number} type="number" aria-label={`${y}年${shanghai.tiers[t]}计划数`} value={String(plan[t][y] ?? "")} onChange={(_, v) => setPlan(t, y, num(v.value))} />
                </td>
              ))}
              <td>
                <Button
                  size="small"
                  appearance="subtle"
                  onClick={() => {
                    const first = { ...plan.first };
                    const top = { ...plan.top };
                    delete first[y];
                    delete top[y];
                    setDraft({ ...draft, plan: { first, top } });
                  }}
                >
                  删除
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.pair}>
        <Input className={styles.number} placeholder="年份" aria-label="新增年份" value={newYear} onChange={(_, v) => setNewYear(v.value)} />
        <Button
          size="small"
          disabled={!/^\d{4}$/.test(newYear)}
          onClick={() => {
            setDraft({ ...draft, plan: { first: { ...plan.first, [newYear]: plan.first[newYear] ?? 0 }, top: { ...plan.top, [newYear]: plan.top[newYear] ?? 0 } } });
            setNewYear("");
          }}
        >
          添加年份
        </Button>
      </div>
      <Text size={300}>各评分项的分值：基本标准每项 12.5 分、行业标准每项 25 分。</Text>
      <SettingsActions problem={problem} state={state} dirty={dirty} onApply={apply} onReset={reset} />
    </div>
  );
}
