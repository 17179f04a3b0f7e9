/**
 * Which settings a command uses, layered: the command line's over what the last write of results used over
 * what the pane saved over the scheme's defaults. Kept apart from the engine so that the command line can
 * merge settings without loading it.
 */
import { hunan } from "./hunan";
import type { AdditiveSettingsInput, SettingsInput } from "./schema";
import type { HunanSettings } from "./types";
import type { StoredState } from "../sheets/port";

/**
 * The hunan settings a command uses, by precedence: the command line's (a flag over a settings file, both in
 * `given`) > what the last write of results used (`stored.used`) > the settings saved in the pane
 * (`stored.settings`) > the scheme's defaults. So `score --cycle-start 2024` and a later `summary`, the pane
 * or the preview on the same file agree on 示范期至.
 */
export function hunanSettingsInput(stored: StoredState = {}, given: SettingsInput = {}): SettingsInput {
  const layers: SettingsInput[] = [stored.settings ?? {}, known(stored.used?.hunan?.settings), given];
  return layers.reduce<SettingsInput>(
    (acc, l) => ({ ...acc, ...l, thresholds: { ...acc.thresholds, ...l.thresholds }, ...(acc.answerWeights || l.answerWeights ? { answerWeights: { ...acc.answerWeights, ...l.answerWeights } } : {}) }),
    {},
  );
}

/**
 * A recorded setting this version no longer knows is dropped rather than refused: the record describes an
 * earlier write, not a choice the user can correct.
 */
function known(used: HunanSettings | undefined): SettingsInput {
  if (!used) return {};
  const out = Object.fromEntries(Object.entries(used).filter(([k]) => k in hunan.defaults)) as SettingsInput;
  if (used.thresholds) out.thresholds = Object.fromEntries(Object.entries(used.thresholds).filter(([k]) => k in hunan.defaults.thresholds));
  return out;
}

/** The shanghai settings a command uses, with the same precedence as {@link hunanSettingsInput}. */
export function shanghaiSettingsInput(stored: StoredState = {}, given: AdditiveSettingsInput = {}): AdditiveSettingsInput {
  const layers: AdditiveSettingsInput[] = [stored.shanghai ?? {}, stored.used?.shanghai?.settings ?? {}, given];
  return layers.reduce<AdditiveSettingsInput>((acc, l) => ({ ...acc, ...l, points: { ...acc.points, ...l.points }, plan: { ...acc.plan, ...l.plan } }), {});
}

