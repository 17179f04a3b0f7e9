/**
 * --in-place (and every write) keeps the file itself what it was: a symbolic link stays a link and its real
 * target gets the results, the permissions stay, and a file with several hard links is rewritten in place so
 * that every link sees the results. POSIX file-system features: skipped on Windows.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { writeAtomic } from "../../src/cli/common";
import { hunan } from "../../src/schemes/hunan";
import { cli, tempDirEach } from "./cliHarness";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hunan-ledger.xlsx");
const tmp = tempDirEach("pioneer-inplace-");
const posix = process.platform === "win32" ? describe.skip : describe;

/** Whether the workbook holds the tool's result columns (it was scored). */
async function scored(file: string): Promise<boolean> {
  const grids = (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(file)))).readSheets();
  const header = hunan.outputs[0]!.header;
  return grids.some((g) => g.values.slice(0, 10).some((row) => row.includes(header)));
}

/** Nothing the write left behind: no temporary or backup file in these folders. */
async function leftovers(...dirs: string[]): Promise<string[]> {
  return (await Promise.all(dirs.map((d) => fs.readdir(d)))).flat().filter((f) => /\.(tmp|bak)$/.test(f));
}

posix("--in-place keeps the file itself", () => {
  test("a symbolic link (relative, into another folder): the real ledger is scored, the link stays a link", async () => {
    const real = path.join(tmp.path, "data", "台账.xlsx");
    await fs.mkdir(path.dirname(real));
    await fs.copyFile(EXAMPLE, real);
    const link = path.join(tmp.path, "link.xlsx");
    await fs.symlink(path.join("data", "台账.xlsx"), link);
    expect((await cli("score", link, "--in-place")).code).toBe(3);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(link)).toBe(path.join("data", "台账.xlsx"));
    expect(await scored(real)).toBe(true);
    expect(await leftovers(tmp.path, path.dirname(real))).toEqual([]);
  });

  test("permissions: a 600 ledger stays 600", async () => {
    const file = path.join(tmp.path, "台账.xlsx");
    await fs.copyFile(EXAMPLE, file);
    await fs.chmod(file, 0o600);
    expect((await cli("score", file, "--in-place")).code).toBe(3);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await scored(file)).toBe(true);
  });

  test("hard links: rewritten in place, every name sees the results, no backup left", async () => {
    const file = path.join(tmp.path, "台账.xlsx");
    const other = path.join(tmp.path, "另一个名字.xlsx");
    await fs.copyFile(EXAMPLE, file);
    await fs.link(file, other);
    const before = await fs.stat(file);
    expect((await cli("score", file, "--in-place")).code).toBe(3);
    const [a, b] = await Promise.all([fs.stat(file), fs.stat(other)]);
    expect([a.ino, b.ino, a.nlink]).toEqual([before.ino, before.ino, 2]);
    expect(await scored(other)).toBe(true);
    expect((await fs.readFile(file)).equals(await fs.readFile(other))).toBe(true);
    expect(await leftovers(tmp.path)).toEqual([]);
  });
});

posix("writeAtomic", () => {
  test("a new file through a link whose target is not there yet: created at the target", async () => {
    const link = path.join(tmp.path, "out.json");
    await fs.symlink("real.json", link);
    await writeAtomic(link, new TextEncoder().encode("{}\n"));
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(path.join(tmp.path, "real.json"), "utf8")).toBe("{}\n");
  });

  test("a failure names the file given, and leaves nothing behind", async () => {
    const file = path.join(tmp.path, "missing-folder", "out.json");
    await expect(writeAtomic(file, new Uint8Array([1]))).rejects.toMatchObject({ code: "ENOENT", path: file });
    expect(await leftovers(tmp.path)).toEqual([]);
  });
});
