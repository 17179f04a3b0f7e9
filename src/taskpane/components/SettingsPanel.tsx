import { Checkbox, Dropdown, Field, Input, makeStyles, Option, Text, tokens } from "@fluentui/react-components";
import { useEffect } from "react";
import { resolveSettings, type SettingsInput } from "../../schemes/schema";
import { hunan } from "../../schemes/hunan";
import { hunanFieldErrors, THRESHOLD_LABELS } from "../settingsText";
import { useSettingsDraft } from "../useSettingsDraft";
import { SettingsActions } from "./SettingsActions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  number: { width: "112px" },
});

type Props = {
  settings: SettingsInput | undefined;
  onChange: (s: SettingsInput) => void;
  /** Whether the form holds unsaved edits (the pane asks before leaving the tab). */
  onDirty?: (dirty: boolean) => void;
};

/** A number input's text → the draft's value: blank is "use the default" (undefined), never NaN or "undefined". */
export const num = (v: string): number | undefined => (v.trim() === "" ? undefined : Number(v));

/** The boundaries the source texts leave open, stored in the workbook; each field checked as it is typed. */
export function SettingsPanel({ settings, onChange, onDirty }: Props) {
  const styles = useStyles();
  const d = hunan.defaults;
  const { draft, setDraft, errors, problem, state, dirty, apply, reset } = useSettingsDraft<SettingsInput>(
    settings,
    (x) => hunanFieldErrors(x, d),
    (x) => resolveSettings(hunan, x),
    onChange,
  );
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const setThreshold = (id: string, patch: { value?: number; equalIsBelow?: boolean }) => {
    const t = { ...(draft.thresholds?.[id] ?? {}), ...patch };
    if (patch.value === undefined && "value" in patch) delete t.value;
    setDraft({ ...draft, thresholds: { ...(draft.thresholds ?? {}), [id]: t } });
  };
  const msg = (k: string) => (errors[k] ? { validationState: "error" as const, validationMessage: errors[k] } : {});
  const text = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "" : String(v));
  return (
    <div className={styles.root} data-testid="settings-panel">
      <Text>评分细则没有写明的几处边界。留空即用默认值；保存后写入本工作簿，并立即重新计分。</Text>
      <Field label="两年周期的起始年" hint={`默认 ${d.cycleStartYear}`} {...msg("cycleStartYear")}>
        <Input className={styles.number} type="number" placeholder={String(d.cycleStartYear)} value={text(draft.cycleStartYear)} onChange={(_, v) => setDraft({ ...draft, cycleStartYear: num(v.value) })} />
      </Field>
      <Field label="最终得分低于此分撤销" hint={`默认 ${d.revokeBelowScore}（${d.revokeBelowScore} 分保持）`} {...msg("revokeBelowScore")}>
        <Input className={styles.number} type="number" placeholder={String(d.revokeBelowScore)} value={text(draft.revokeBelowScore)} onChange={(_, v) => setDraft({ ...draft, revokeBelowScore: num(v.value) })} />
      </Field>
      <Field label="连续两次低于此分撤销" hint={`默认 ${d.twiceBelowScore}`} {...msg("twiceBelowScore")}>
        <Input className={styles.number} type="number" placeholder={String(d.twiceBelowScore)} value={text(draft.twiceBelowScore)} onChange={(_, v) => setDraft({ ...draft, twiceBelowScore: num(v.value) })} />
      </Field>
      <Field label="服务岗某季度满意度空白时">
        <Dropdown
          value={(draft.missingQuarter ?? d.missingQuarter) === "warn" ? "只提示，不扣分" : "按满意度不达标扣分"}
          selectedOptions={[draft.missingQuarter ?? d.missingQuarter]}
          onOptionSelect={(_, o) => setDraft({ ...draft, missingQuarter: o.optionValue === "deduct" ? "deduct" : "warn" })}
        >
          <Option value="warn">只提示，不扣分</Option>
          <Option value="deduct">按满意度不达标扣分</Option>
        </Dropdown>
      </Field>
      {Object.entries(d.thresholds).map(([id, t]) => {
        const equal = draft.thresholds?.[id]?.equalIsBelow ?? t.equalIsBelow;
        return (
          <Field key={id} label={THRESHOLD_LABELS[id] ?? "阈值"} hint={`默认 ${t.value}${t.unit}${t.equalIsBelow ? "，等于也算低于" : ""}`} {...msg(`thresholds.${id}`)}>
            <div className={styles.pair}>
              <Input
                className={styles.number}
                type="number"
                contentAfter={t.unit}
                placeholder={String(t.value)}
                value={text(draft.thresholds?.[id]?.value)}
                onChange={(_, v) => setThreshold(id, { value: num(v.value) })}
              />
              <Checkbox label="恰好等于也算低于" checked={equal} onChange={(_, v) => setThreshold(id, { equalIsBelow: v.checked === true })} />
            </div>
          </Field>
        );
      })}
      <SettingsActions problem={problem} state={state} dirty={dirty} onApply={apply} onReset={reset} />
    </div>
  );
}
