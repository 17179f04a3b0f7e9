/** What every command shares: exit codes, output streams, usage errors, settings files, atomic writes. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { AdditiveSettingsInput, SettingsInput } from "../schemes/schema";
import type { StoredState } from "../sheets/port";
import { hunanSettingsInput, shanghaiSettingsInput } from "../engine/schemes";

export const EXIT = { ok: 0, failed: 1, usage: 2, inputErrors: 3 } as const;

export type Io = { out: (s: string) => void; err: (s: string) => void };

export class UsageError extends Error {}

export async function readSettings<T = SettingsInput>(file: string): Promise<T> {
  const text = await fs.readFile(file, "utf8");
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UsageError(`设置文件 ${file} 不是有效的 JSON`);
  }
}

/**
 * The settings kept in the workbook (what the last write of results used, then what the pane saved),
 * overlaid with the command line's (which win): see hunanSettingsInput.
 */
export function mergeSettings(stored: StoredState, given: SettingsInput): SettingsInput {
  return hunanSettingsInput(stored, given);
}

/** The shanghai settings kept in the workbook, overlaid with the command line's. */
export function mergeUnitSettings(stored: StoredState, given: AdditiveSettingsInput): AdditiveSettingsInput {
  return shanghaiSettingsInput(stored, given);
}

/** "台账.xlsx" → "台账.<suffix>.xlsx" beside the input. */
export function withSuffix(input: string, suffix: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.${suffix}.xlsx`);
}

export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
}
