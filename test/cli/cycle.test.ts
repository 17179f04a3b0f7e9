/** Item 4: one cycle for every command — score keeps what it used, the other commands read it back. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { hunanSettingsInput } from "../../src/engine/schemes";
import { resolveSettings } from "../../src/schemes/schema";
import { hunan } from "../../src/schemes/hunan";
import { parseStateRows, stateRows, type StoredState } from "../../src/sheets/port";
import { cli, tempDirEach } from "./cliHarness";

const EX = path.join(__dirname, "..", "..", "examples");
const tmp = tempDirEach("pioneer-cycle-");
type Json = Record<string, unknown>;
const readJson = async (f: string) => JSON.parse(await fs.readFile(f, "utf8")) as Json;
const stateOf = async (f: string) => (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(f)))).readState().stored;

/** 示范期至 of every summary row, by post. */
const summaryThrough = (j: Json) => Object.fromEntries((j["rows"] as Json[]).map((r) => [`${String(r["city"])}|${String(r["name"])}`, r["validThrough"]]));
const scoreThrough = (j: Json, summary: Json) => {
  const rows = ((j["sheets"] as Json[])[0]!["rows"] as Json[]).filter((r) => r["year"] === summary["year"]);
  return rows.map((r) => r["validThrough"]);
};

test("score --cycle-start 2024 keeps what it used; summary and consolidate on that file agree", async () => {
  const scored = path.join(tmp.path, "scored.xlsx");
  const sj = path.join(tmp.path, "s.json");
  expect((await cli("score", path.join(EX, "hunan-ledger.xlsx"), "--cycle-start", "2024", "-o", scored, "--json", sj)).code).toBe(3);
  const used = (await stateOf(scored)).used?.hunan;
  expect(used).toMatchObject({ by: "score", settings: { cycleStartYear: 2024, revokeBelowScore: 70 } });

  const yj = path.join(tmp.path, "y.json");
  const r = await cli("summary", scored, "-o", path.join(tmp.path, "y.xlsx"), "--json", yj);
  expect(r.out).toMatch(/周期起始年 2024（沿用该文件 \d{4}-\d\d-\d\d 评分时所用）/);
  const summary = await readJson(yj);
  const fromScore = scoreThrough(await readJson(sj), summary);
  expect(Object.values(summaryThrough(summary)).filter((v) => v !== null).every((v) => fromScore.includes(v))).toBe(true);
  // 2025 elected in a cycle starting 2024 is the cycle's second year: one year.
  expect(summaryThrough(summary)["长沙|报建窗口党员服务示范岗"]).toBe(2025);

  const cj = path.join(tmp.path, "c.json");
  await cli("consolidate", scored, "-o", path.join(tmp.path, "c.xlsx"), "--json", cj);
  const posts = (await readJson(cj))["posts"] as Json[];
  expect(posts.length).toBeGreaterThan(0);
});

test.each([
  ["no flag: the 2024 score used (2025 is its cycle's second year)", [], 2024, 2025],
  ["--cycle-start 2025 wins over what score used (2025 is a first year)", ["--cycle-start", "2025"], 2025, 2026],
])("summary, %s", async (_name, flags, cycle, through) => {
  const scored = path.join(tmp.path, "scored.xlsx");
  await cli("score", path.join(EX, "hunan-ledger.xlsx"), "--cycle-start", "2024", "-o", scored);
  const yj = path.join(tmp.path, "y.json");
  const r = await cli("summary", scored, "-o", path.join(tmp.path, "y.xlsx"), "--json", yj, ...flags);
  expect(r.out).toContain(`周期起始年 ${cycle}`);
  // 长沙 报建窗口 was elected in 2025.
  expect(summaryThrough(await readJson(yj))["长沙|报建窗口党员服务示范岗"]).toBe(through);
});

test("a rerun of score without flags keeps the cycle it used", async () => {
  const once = path.join(tmp.path, "once.xlsx");
  const twice = path.join(tmp.path, "twice.xlsx");
  await cli("score", path.join(EX, "hunan-ledger.xlsx"), "--cycle-start", "2024", "-o", once);
  await cli("score", once, "-o", twice);
  expect((await stateOf(twice)).used?.hunan?.settings.cycleStartYear).toBe(2024);
});

describe("precedence: flag > settings file > used > pane-saved > defaults", () => {
  const stored: StoredState = { settings: { cycleStartYear: 2021, minSample: 5 }, used: { hunan: { by: "score", at: "2025-12-01T00:00:00.000Z", settings: { ...hunan.defaults, cycleStartYear: 2022 } } } };
  test.each([
    ["defaults", {}, {}, 2025],
    ["pane-saved over defaults", { settings: { cycleStartYear: 2021 } }, {}, 2021],
    ["used over pane-saved", stored, {}, 2022],
    ["the command line over used", stored, { cycleStartYear: 2023 }, 2023],
  ] as const)("%s", (_name, st, given, year) => {
    expect(resolveSettings(hunan, hunanSettingsInput(st as StoredState, given)).cycleStartYear).toBe(year);
  });
  test("a recorded setting this version no longer knows is dropped, not refused", () => {
    const old = { used: { hunan: { by: "score", at: "2025-12-01T00:00:00.000Z", settings: { ...hunan.defaults, cycleStartYear: 2022, retired: 1, thresholds: { ...hunan.defaults.thresholds, gone: { value: 1, equalIsBelow: false, unit: "%" } } } } } } as unknown as StoredState;
    expect(resolveSettings(hunan, hunanSettingsInput(old)).cycleStartYear).toBe(2022);
  });
  test("the used record round-trips through the state block", () => {
    expect(parseStateRows(stateRows(stored, null)).stored).toEqual(stored);
  });
});
