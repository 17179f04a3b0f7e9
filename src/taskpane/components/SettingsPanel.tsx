import { Checkbox, Dropdown, Field, Input, makeStyles, Option, Text, tokens } from "@fluentui/react-components";
import { resolveSettings, type SettingsInput } from "../../schemes/schema";
import { hunan } from "../../schemes/hunan";
import { THRESHOLD_LABELS } from "../settingsText";
import { useSettingsDraft } from "../useSettingsDraft";
import { SettingsActions } from "./SettingsActions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  number: { width: "96px" },
});

type Props = { settings: SettingsInput | undefined; onChange: (s: SettingsInput) => void };

/** The boundaries the source texts leave open, stored in the workbook; defaults are in src/schemes/hunan.ts. */
export function SettingsPanel({ settings, onChange }: Props) {
  const styles = useStyles();
  const { draft, setDraft, problem, apply, reset } = useSettingsDraft<SettingsInput>(settings, (d) => resolveSettings(hunan, d), onChange);
  const effective = (() => {
    try {
      return resolveSettings(hunan, draft);
    } catch {
      return null;
    }
  })();
  const d = hunan.defaults;
  const num = (v: string) => (v.trim() === "" ? undefined : Number(v));
  const setThreshold = (id: string, patch: { value?: number; equalIsBelow?: boolean }) => {
    const t = { ...(draft.thresholds?.[id] ?? {}), ...patch };
    if (patch.value === undefined && "value" in patch) delete t.value;
    setDraft({ ...draft, thresholds: { ...(draft.thresholds ?? {}), [id]: t } });
  };
  return (
    <div className={styles.root}>
      <Text>这些是评分细则未明确的边界，默认值见 README“规则边界”。保存后写入本工作簿。</Text>
      <Field label="两年周期的起始年" hint={`默认 ${d.cycleStartYear}`}>
        <Input className={styles.number} type="number" value={String(draft.cycleStartYear ?? d.cycleStartYear)} onChange={(_, v) => setDraft({ ...draft, cycleStartYear: num(v.value) })} />
      </Field>
      <Field label="最终得分低于此分撤销" hint={`默认 ${d.revokeBelowScore}（70 分保持）`}>
        <Input className={styles.number} type="number" value={String(draft.revokeBelowScore ?? d.revokeBelowScore)} onChange={(_, v) => setDraft({ ...draft, revokeBelowScore: num(v.value) })} />
      </Field>
      <Field label="连续两次低于此分撤销" hint={`默认 ${d.twiceBelowScore}`}>
        <Input className={styles.number} type="number" value={String(draft.twiceBelowScore ?? d.twiceBelowScore)} onChange={(_, v) => setDraft({ ...draft, twiceBelowScore: num(v.value) })} />
      </Field>
      <Field label="服务岗某季度满意度空白时">
        <Dropdown
          value={(draft.missingQuarter ?? d.missingQuarter) === "warn" ? "只提示，不扣分" : "按 H1a 扣分"}
          selectedOptions={[draft.missingQuarter ?? d.missingQuarter]}
          onOptionSelect={(_, o) => setDraft({ ...draft, missingQuarter: o.optionValue === "deduct" ? "deduct" : "warn" })}
        >
          <Option value="warn">只提示，不扣分</Option>
          <Option value="deduct">按 H1a 扣分</Option>
        </Dropdown>
      </Field>
      {Object.entries(d.thresholds).map(([id, t]) => {
        const cur = effective?.thresholds[id] ?? t;
        return (
          <Field key={id} label={THRESHOLD_LABELS[id] ?? id} hint={`默认 ${t.value}${t.unit}${t.equalIsBelow ? "，等于也算低于" : ""}`}>
            <div className={styles.pair}>
              <Input
                className={styles.number}
                type="number"
                contentAfter={t.unit}
                value={String(draft.thresholds?.[id]?.value ?? t.value)}
                onChange={(_, v) => setThreshold(id, { value: num(v.value) })}
              />
              <Checkbox label="恰好等于也算低于" checked={cur.equalIsBelow} onChange={(_, v) => setThreshold(id, { equalIsBelow: v.checked === true })} />
            </div>
          </Field>
        );
      })}
      <SettingsActions problem={problem} onApply={apply} onReset={reset} />
    </div>
  );
}
