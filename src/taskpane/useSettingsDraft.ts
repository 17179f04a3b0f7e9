/** A settings form's draft: edited freely, validated on save (the problem in Chinese), reset to the defaults. */
import { useState } from "react";
import { SettingsError } from "../schemes/schema";
import { settingsMessage } from "./settingsText";

export function useSettingsDraft<T extends object>(saved: T | undefined, validate: (draft: T) => unknown, onChange: (s: T) => void) {
  const [draft, setDraft] = useState<T>(saved ?? ({} as T));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = () => {
    try {
      validate(draft);
      setProblem(null);
      onChange(draft);
    } catch (e) {
      setProblem(settingsMessage(e instanceof SettingsError ? e.message : String(e)));
    }
  };
  const reset = () => {
    setDraft({} as T);
    setProblem(null);
    onChange({} as T);
  };
  return { draft, setDraft, problem, apply, reset };
}
