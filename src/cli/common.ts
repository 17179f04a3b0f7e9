/** What every command shares: exit codes, output streams, usage errors, settings files, atomic writes. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { SettingsInput } from "../schemes/schema";

export const EXIT = { ok: 0, failed: 1, usage: 2, inputErrors: 3 } as const;

export type Io = { out: (s: string) => void; err: (s: string) => void };

export class UsageError extends Error {}

export async function readSettings(file: string): Promise<SettingsInput> {
  const text = await fs.readFile(file, "utf8");
  try {
    return JSON.parse(text) as SettingsInput;
  } catch {
    throw new UsageError(`设置文件 ${file} 不是有效的 JSON`);
  }
}

export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
}
