/** The CLI driven in-process with captured output, and a fresh temporary folder per test. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type Io } from "../../src/cli/main";

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s) };
  const code = await run(argv, io);
  return { code, out, err };
}

/** Registers a temporary folder made before and removed after each test; `.path` is the current one. */
export function tempDirEach(prefix: string): { path: string } {
  const dir = { path: "" };
  beforeEach(async () => {
    dir.path = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await fs.rm(dir.path, { recursive: true, force: true });
  });
  return dir;
}
