/**
 * Findings whose words are built when read (engine/findings.ts), and result rows that are views of the scoring's
 * columns, are the plain shapes of types.ts to every reader: property access, JSON (same keys, same order) and,
 * through plainLedger, a structured clone.
 */
import { CellDeduction, CellRevocation, CellWarning, plainLedger } from "../../src/engine/findings";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { gridOf, post } from "../helpers";

const rows = [
  // One cell (H2a), two cells with one unit (H1a: two quarters in 80–90%), a revocation by one cell.
  post({ name: "窗口甲", q1: 0.85, q2: 0.83, q3: 0.95, q4: 0.96, noOpinion: 1, electedYear: 2023, year: 2025 }),
  post({ name: "窗口乙", q1: 0.7, q2: 0.95, q3: 0.95, q4: 0.95, noIdentity: "是" }),
  post({ name: "窗口丙", postType: "监督岗", noSchool: 2, violation: "经查无违纪问题" }),
];

const result = () => scoreWorkbook([gridOf(rows)], hunan).result;

test("the example rows have findings of every lazy kind", () => {
  const r = result().sheets[0]!.rows;
  const all = r.flatMap((x) => [...x.deductions, ...x.revocations, ...x.warnings]);
  expect(all.some((f) => f instanceof CellDeduction && f.cells.length === 1)).toBe(true);
  expect(all.some((f) => f instanceof CellDeduction && f.cells.length === 2)).toBe(true);
  expect(all.some((f) => f instanceof CellRevocation)).toBe(true);
  expect(all.some((f) => f instanceof CellWarning)).toBe(true);
});

test("a lazy finding reads, and serialises, as its plain shape", () => {
  const r = result().sheets[0]!.rows;
  const h1a = r[0]!.deductions.find((d) => d.rule === "H1a")!;
  expect(h1a.cells).toEqual(["F2", "G2"]);
  expect(h1a.text).toBe("H1a（评分表第1项“为民优质服务”）：季度服务满意度低于90%且不低于80%，每次扣10分，共2次，扣20分（F2：85%，G2：83%）");
  expect(Object.keys(JSON.parse(JSON.stringify(h1a)) as object)).toEqual(["rule", "points", "count", "cells", "item", "text"]);
  const revocation = r[1]!.revocations[0]!;
  expect(Object.keys(JSON.parse(JSON.stringify(revocation)) as object)).toEqual(["rule", "cells", "reason"]);
  expect(revocation.reason).toMatch(/（F3：70%）$/);
  const expired = r[0]!.warnings.find((w) => w.code === "expired")!;
  expect(JSON.parse(JSON.stringify(expired))).toEqual({ code: "expired", cells: [expired.cells[0]], message: expired.message });
});

test("a structured clone of plainLedger keeps every word; of the raw result it would not", () => {
  const raw = result();
  const asJson: unknown = JSON.parse(JSON.stringify(raw));
  expect(structuredClone(plainLedger(raw))).toEqual(asJson);
  // Why the preview's worker sends plainLedger: a clone copies own data only (a result row is a view, too).
  const cloned = structuredClone(raw);
  expect(cloned.sheets[0]!.rows[0]!.status).toBeUndefined();
});

test("a result row is a view that reads, and serialises, as the plain RowResult", () => {
  const rows = result().sheets[0]!.rows;
  const json = JSON.parse(JSON.stringify(rows)) as Record<string, unknown>[];
  expect(Object.keys(json[0]!)).toEqual(["row", "key", "year", "round", "deductionTotal", "score", "status", "deductions", "revocations", "rectifyItems", "validThrough", "warnings", "errors"]);
  // 后果 only on a revoked row, last.
  expect(Object.keys(json[1]!).at(-1)).toBe("consequences");
  expect(rows[1]).toMatchObject({ status: "revoke", key: "长沙|长沙市质监站|窗口乙", score: rows[1]!.score });
  expect(rows[0]!.consequences).toBeUndefined();
  expect(rows.map((r) => r.key)).toEqual(json.map((r) => r["key"]));
});
