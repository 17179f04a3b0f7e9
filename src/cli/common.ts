/**
 * What every command shares: exit codes, output streams, usage errors, settings files, and the files a
 * command writes (checked before anything is written, written atomically, and reported exactly).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import type { AdditiveSettingsInput, SettingsInput } from "../schemes/schema";
// The .xlsx zip codec over Node's native zlib (the browser preview keeps fflate).
import "../adapters/xlsx/nodeZlib";
import type { SheetGrid, SheetWrite } from "../sheets/grid";
import type { StoredState, UndoMeta } from "../sheets/port";
import { hunanSettingsInput, shanghaiSettingsInput } from "../schemes/settingsLayers";

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

/**
 * An input workbook's bytes. Node's error for a folder (EISDIR from read) carries no path: the name given is
 * put on it, so that the message names what the user typed.
 */
export async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && !(e as NodeJS.ErrnoException).path) (e as NodeJS.ErrnoException).path = file;
    throw e;
  }
}

/** "台账.xlsx" → "台账.<suffix>.xlsx" beside the input. */
export function withSuffix(input: string, suffix: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.${suffix}.xlsx`);
}

/** A file's bytes: at once, or a piece at a time (written as they are made: a large JSON result is never whole in memory). */
export type Content = Uint8Array | Iterable<Uint8Array>;

/**
 * Writes a file so that it is never left half-written, and the file itself stays what it was for the user:
 *
 * - a symbolic link is written through: its real target gets the new content (the temporary file is made next
 *   to the real target, so the rename stays on one file system), and the link stays a link;
 * - an existing file keeps its permissions (600 stays 600): the temporary file gets the target's mode before
 *   the rename;
 * - a file with more than one hard link is rewritten in place, so that every link sees the new content: it is
 *   first copied to a hidden backup beside it, then truncated and written; on a failure the backup is copied
 *   back. The backup is removed once the write succeeded.
 *
 * Otherwise the bytes go to a hidden temporary file beside the target, renamed over it. A failure is reported
 * against the target (the name the user gave), never the temporary or backup file, which are removed.
 */
export async function writeAtomic(file: string, bytes: Content): Promise<void> {
  const target = await realTarget(file);
  const stat = await fs.stat(target).catch(() => null);
  try {
    if (stat?.isFile() && stat.nlink > 1) await rewriteInPlace(target, bytes);
    else await replaceByRename(target, bytes, stat ? stat.mode & 0o7777 : null);
  } catch (e) {
    if (e && typeof e === "object" && "path" in e) {
      const err = e as NodeJS.ErrnoException & { dest?: string };
      err.path = file;
      delete err.dest;
    }
    throw e;
  }
}

/** Where a name really points: the file behind a chain of symbolic links (also one whose target is not there yet). */
async function realTarget(file: string): Promise<string> {
  let at = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const l = await fs.lstat(at).catch(() => null);
    if (!l?.isSymbolicLink()) break;
    at = path.resolve(path.dirname(at), await fs.readlink(at));
  }
  // The folders on the way may be links too: the real folder, so the temporary file sits beside the real file.
  const dir = await fs.realpath(path.dirname(at)).catch(() => path.dirname(at));
  return path.join(dir, path.basename(at));
}

async function replaceByRename(target: string, bytes: Content, mode: number | null): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, bytes, mode === null ? {} : { mode });
    // writeFile's mode is masked by the umask: set it exactly.
    if (mode !== null) await fs.chmod(tmp, mode);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Hard links share one inode: a rename would cut this name off from the others, so the inode is rewritten. */
async function rewriteInPlace(target: string, bytes: Content): Promise<void> {
  const backup = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.bak`);
  await fs.copyFile(target, backup);
  try {
    const h = await fs.open(target, "r+");
    try {
      await h.truncate(0);
      // From position 0 (just opened), each piece from where the last ended, looping until every byte is written.
      for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) await h.writeFile(piece);
      await h.sync();
    } finally {
      await h.close();
    }
  } catch (e) {
    // copyFile opens the existing target and truncates it: the inode, and so every link, gets its bytes back.
    await fs.copyFile(backup, target).catch(() => undefined);
    await fs.rm(backup, { force: true }).catch(() => undefined);
    throw e;
  }
  await fs.rm(backup, { force: true });
}

/** A file a command will write, and how the user named it ("-o", "--json", or the default output). */
export type Target = {
  file: string;
  option: string;
  kind: "workbook" | "json" | "template";
  /** Named but not written this time (score --dry-run): checked against the inputs and other targets only. */
  unwritten?: boolean;
  /**
   * The default output name of this command (<name>.scored.xlsx …): a file there written by an earlier
   * version (before the mark) is recognised by its content.
   */
  defaultOf?: "score" | "survey" | "plan";
};

/**
 * The files of one command run: checked before anything is written ({@link Files.check}), written
 * atomically, and described exactly when a later step fails ("已写出 X；未写出 Y").
 */
export class Files {
  private planned: string[] = [];
  readonly written: string[] = [];
  /** The input files of the run (named in a message about a file that cannot be read). */
  inputs: readonly string[] = [];

  /**
   * Refuses (as a usage error, before anything is written) a target that is an input or another target,
   * and an existing file this tool did not write unless `force`. `inPlace` is the input that may be
   * written (score --in-place); `score` says that --in-place is how to write the input.
   */
  async check(inputs: readonly string[], targets: readonly Target[], o: { force: boolean; inPlace?: string; score?: boolean }): Promise<void> {
    const { force, inPlace = null } = o;
    this.inputs = inputs;
    const keys = await Promise.all(inputs.map((f) => fileKey(f)));
    const seen: { t: Target; key: string }[] = [];
    for (const t of targets) {
      const key = await fileKey(t.file);
      const i = keys.indexOf(key);
      if (i >= 0 && !(inPlace !== null && t.kind === "workbook" && (await fileKey(inPlace)) === key)) {
        throw new UsageError(`${describe(t)}与输入文件 ${inputs[i]} 是同一个文件：本工具不会用结果替换输入文件${o.score && t.kind === "workbook" ? "；如确需写回输入文件，请使用 --in-place" : "，请另选文件名"}`);
      }
      const twin = seen.find((s) => s.key === key);
      if (twin) throw new UsageError(`${describe(twin.t)}与${describe(t)}是同一个文件，请分别指定不同的文件`);
      seen.push({ t, key });
    }
    for (const t of targets) {
      if (t.unwritten || (inPlace !== null && t.kind === "workbook")) continue;
      const stat = await fs.stat(t.file).catch(() => null);
      if (!stat) continue;
      if (stat.isDirectory()) throw new UsageError(`${describe(t)}是一个文件夹，请给出文件名`);
      if (!force && !(await writtenByUs(t))) {
        throw new UsageError(`${t.file} 已存在，且不是本工具写出的文件，不会替换它。请用 ${t.option === "输出文件" ? "-o" : t.option} 另选文件名，或加 --force 确认替换`);
      }
    }
    this.planned = targets.filter((t) => !t.unwritten).map((t) => t.file);
  }

  async write(file: string, bytes: Content): Promise<void> {
    await writeAtomic(file, bytes);
    this.written.push(file);
  }

  /** After a failure: what was written and what was not. */
  report(): string {
    if (!this.written.length) return "未写出任何文件。";
    const missing = this.planned.filter((f) => !this.written.includes(f));
    return `已写出：${this.written.join("、")}${missing.length ? `；未写出：${missing.join("、")}` : ""}。`;
  }
}

function describe(t: Target): string {
  return t.option === "输出文件" ? `输出文件 ${t.file} ` : `${t.option} ${t.file} `;
}

/** The same key for two names of one file: real path (case-folded where the file system usually is), or device and inode. */
async function fileKey(file: string): Promise<string> {
  const abs = path.resolve(file);
  const stat = await fs.stat(abs).catch(() => null);
  if (stat && stat.ino) return `ino:${stat.dev}:${stat.ino}`;
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch {
    // Not there yet: the real folder and the name.
    const dir = await fs.realpath(path.dirname(abs)).catch(() => path.dirname(abs));
    real = path.join(dir, path.basename(abs));
  }
  return process.platform === "win32" || process.platform === "darwin" ? real.toLowerCase() : real;
}

/** The output mark as the state sheet holds it (StoredState.output as JSON). */
const OUTPUT_MARK = /\{"command":"[a-z-]+","at":"[^"]*"\}/;
/** Larger workbooks without the mark are not loaded to look for generated report sheets (reports are small). */
const REPORT_SIZE_LIMIT = 5 * 1024 * 1024;

/** JSON top-level keys each command writes: a JSON file with one of these shapes is ours. */
const JSON_SHAPES = [
  ["scheme", "sheets"],
  ["tally", "unmatched"],
  ["byStatus", "rows"],
  ["cities", "missingCities"],
  ["plan", "targets"],
];

/**
 * Whether an existing file is one this tool wrote as a new file, and so may be replaced: a workbook
 * marked in its state sheet as a command-line output (never the user's own ledger, even after the pane
 * wrote into it), a workbook of generated report sheets only (年度汇总, 全省汇总), or JSON of one of its
 * result shapes. A template is never replaced: the user fills it in.
 */
async function writtenByUs(t: Target): Promise<boolean> {
  if (t.kind === "template") return false;
  const bytes = new Uint8Array(await fs.readFile(t.file));
  if (t.kind === "json") {
    try {
      const v = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      return !!v && typeof v === "object" && !Array.isArray(v) && JSON_SHAPES.some((keys) => keys.every((k) => k in v));
    } catch {
      return false;
    }
  }
  // The mark is looked for in the zip directly (milliseconds, whatever the size); only a small file without
  // it (a report-only workbook) or one this peek cannot read is loaded whole.
  const [{ sheetHolds }, { STATE_SHEET }] = await Promise.all([import("./zipPeek"), import("../sheets/port")]);
  const marked = sheetHolds(bytes, STATE_SHEET, OUTPUT_MARK);
  if (marked === true) return true;
  if (marked === false && bytes.length > REPORT_SIZE_LIMIT && !t.defaultOf) return false;
  try {
    const { XlsxWorkbook } = await import("../adapters/xlsx/xlsxWorkbook");
    const { generatedKind, isGeneratedReport } = await import("../sheets/report");
    const book = await XlsxWorkbook.open(bytes);
    if (book.readState().stored.output) return true;
    const grids = book.readSheets();
    if (grids.length > 0 && grids.every((g) => isGeneratedReport(g))) return true;
    // Under its default name, an earlier version's output (written before the mark existed): a scored copy
    // holds one scheme's whole set of result headers in one row; a copy with a report holds that sheet.
    if (t.defaultOf === "score") {
      const [{ hunan }, { shanghai }] = await Promise.all([import("../schemes/hunan"), import("../schemes/shanghai")]);
      const sets = [hunan.outputs, shanghai.outputs].map((outs) => outs.map((o) => o.header));
      return grids.some((g) => g.values.slice(0, 10).some((row) => sets.some((set) => set.every((h) => row.includes(h)))));
    }
    if (t.defaultOf) return grids.some((g) => generatedKind(g) === (t.defaultOf === "survey" ? "tally" : "plan"));
    return false;
  } catch {
    return false;
  }
}

export type SaveOptions = {
  /** The state read from the workbook. */
  stored: StoredState;
  undo: UndoMeta | null;
  /** Owned columns (and, for survey --fill-ledger, requested input cells) to write first. */
  writes: readonly SheetWrite[];
  /** The command, when the workbook goes to a new file (marked as ours); null when writing the input itself. */
  command: string | null;
  /** The sheets as read, to name a cell in a message. */
  grids?: readonly SheetGrid[];
};

/** The sheet has no free column left for the results. */
export class NoRoomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoRoomError";
  }
}

/**
 * The one way every command saves a workbook it read (score, survey, plan): the writes, the owned columns
 * recorded in the state sheet, the pane's undo data dropped once the owned columns change (it described
 * them before), a new file marked as ours, and notes on what the saved file lacks. Returns those notes.
 */
export async function saveWorkbook(book: XlsxWorkbook, target: string, files: Files, o: SaveOptions): Promise<void> {
  const [{ recordOwnership }, { MAX_COLUMNS, rightmostCell }] = await Promise.all([import("../sheets/port"), import("../sheets/writeback")]);
  // New columns go right of everything used: a stray value far right (column XFD) leaves no room.
  const over = o.writes.find((w) => w.columns.some((c) => c.col > MAX_COLUMNS));
  if (over) {
    const far = o.grids ? rightmostCell(o.grids.find((g) => g.name === over.sheet) ?? { name: "", values: [] }) : null;
    throw new NoRoomError(
      `工作表「${over.sheet}」${far ? `的 ${far} 单元格已在最右侧（Excel 最多 ${MAX_COLUMNS} 列）` : "已用到最后一列"}，右侧没有空列可写结果。` +
        "请删除最右侧多余的内容（在 Excel 中按 Ctrl+→ 可找到）后再运行",
    );
  }
  if (o.writes.length) book.write(o.writes);
  let stored = recordOwnership(o.stored, o.writes);
  if (o.command !== null) stored = { ...stored, output: { command: o.command, at: new Date().toISOString() } };
  const undo = o.writes.length ? null : o.undo;
  if (stored !== o.stored || undo !== o.undo) book.writeState(stored, undo);
  await files.write(target, await book.toBytes());
}
