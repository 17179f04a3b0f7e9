/**
 * The engine works out once per sheet which rules have any input there and which review columns exist
 * (RowRecord.fieldIds, shared by a sheet's records); a record that does not say which facts it has gets every
 * fact looked up. The reader's records also carry their values by position (RowRecord.values), which the plan's
 * rules read instead of the facts. Over generated ledgers with columns left out, both give the same results.
 */
import fc from "fast-check";
import { scoreLedger } from "../../src/engine/scoreLedger";
import { hunan } from "../../src/schemes/hunan";
import { resolveSettings } from "../../src/schemes/schema";
import type { RowRecord } from "../../src/sheets/records";
import { locateSheet, readSheet } from "../../src/sheets/readSheet";
import { gridOf, type Inputs } from "../helpers";

const yesNo = fc.constantFrom("是", "否", null);
const count = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(null));
/** Columns a ledger may or may not have, with the values generated for them. */
const optional: Record<string, fc.Arbitrary<unknown>> = {
  q1: fc.constantFrom(0.78, 0.85, 0.95, null),
  q2: fc.constantFrom(0.78, 0.85, 0.95, null),
  noOpinion: count,
  noSchool: count,
  noIdentity: yesNo,
  noPledge: count,
  styleInactive: count,
  leaderAdvanced: yesNo,
  demoSites: count,
  lastScore: fc.constantFrom(75, 90, null),
  review1: fc.constantFrom(null, 0, 10, "撤销"),
  review6: fc.constantFrom(null, 10),
  revokeNote: fc.constantFrom(null, "否", "是", "存在违规"),
  violation: fc.constantFrom(null, "否", "经查无违纪问题", "受到警告处分"),
  incorruptGrade: fc.constantFrom(null, "优秀", "良好"),
  incorruptExcellent: fc.constantFrom(null, "是", "不是优秀"),
  q3: fc.constantFrom(0.7, 0.9, "abc", null),
};

const ledgerArb = fc.subarray(Object.keys(optional), { minLength: 1 }).chain((cols) =>
  fc.array(
    fc.record({
      p: fc.integer({ min: 0, max: 4 }),
      postType: fc.constantFrom("服务岗", "监督岗"),
      year: fc.constantFrom(2024, 2025),
      values: fc.record(Object.fromEntries(cols.map((c) => [c, optional[c]!]))),
    }),
    { minLength: 1, maxLength: 12 },
  ),
);

const settings = resolveSettings(hunan);

function score(records: RowRecord[]) {
  return scoreLedger({ sheets: [{ sheet: "考核台账", headerRow: 1, records }] }, hunan, settings).sheets[0]!.rows;
}

test("a sheet's plan (rules without inputs, review columns present, values by position) changes no result", () => {
  fc.assert(
    fc.property(ledgerArb, (rows) => {
      const inputs = rows.map((r): Inputs => ({ city: "长沙", unit: "长沙市质监站", name: `岗位${r.p}`, postType: r.postType, year: r.year, ...(r.values as Inputs) }));
      const grid = gridOf(inputs);
      const found = locateSheet(grid, hunan.ledger, { outputs: hunan.outputs });
      if (!found.ok) throw new Error("generated ledger not recognised");
      const records = readSheet(grid, hunan.ledger, found.map).records;
      expect(records.every((r) => r.fieldIds === records[0]!.fieldIds)).toBe(true);
      // Each value is its fact's, in the order of fieldIds.
      for (const r of records) expect(r.values).toEqual(r.fieldIds!.map((id) => r.facts[id]!.value));
      const unplanned = records.map(({ fieldIds: _, values: __, ...r }) => r);
      expect(JSON.stringify(score(records))).toBe(JSON.stringify(score(unplanned)));
    }),
    { numRuns: 300, seed: 12 },
  );
});
