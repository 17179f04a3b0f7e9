/**
 * A settings form's draft: edited freely and checked field by field as the user types; saved only when every
 * field is right (then confirmed); reset to the defaults. `dirty` says whether there is anything unsaved.
 */
import { useState } from "react";
import { SettingsError } from "../schemes/schema";
import { settingsMessage } from "./settingsText";

/** The draft as stored: blank fields (undefined) dropped, so a blank means the default, never "undefined". */
export function cleanDraft<T extends object>(d: T): T {
  return JSON.parse(JSON.stringify(d, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? undefined : v))) as T;
}

export type SaveState = "idle" | "saved" | "refused";

export function useSettingsDraft<T extends object>(
  saved: T | undefined,
  check: (draft: T) => Record<string, string>,
  validate: (draft: T) => unknown,
  onChange: (s: T) => void,
) {
  const [draft, setDraftState] = useState<T>(saved ?? ({} as T));
  const [baseline, setBaseline] = useState<string>(JSON.stringify(cleanDraft(saved ?? ({} as T))));
  const [problem, setProblem] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>("idle");
  const errors = check(draft);
  const dirty = JSON.stringify(cleanDraft(draft)) !== baseline;
  const setDraft = (d: T) => {
    setDraftState(d);
    setState("idle");
    setProblem(null);
  };
  const apply = () => {
    const n = Object.keys(errors).length;
    if (n) {
      setState("refused");
      setProblem(`有 ${n} 处需要修改（见标红的项），未保存。`);
      return false;
    }
    const clean = cleanDraft(draft);
    try {
      validate(clean);
    } catch (e) {
      setState("refused");
      setProblem(settingsMessage(e instanceof SettingsError ? e.message : String(e)));
      return false;
    }
    setProblem(null);
    setState("saved");
    setBaseline(JSON.stringify(clean));
    onChange(clean);
    return true;
  };
  const reset = () => {
    setDraftState({} as T);
    setBaseline("{}");
    setProblem(null);
    setState("saved");
    onChange({} as T);
  };
  return { draft, setDraft, errors, problem, state, dirty, apply, reset };
}
