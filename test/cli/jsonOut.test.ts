/** The --json file written a piece at a time is byte for byte what JSON.stringify(value, null, 2) gives. */
import fc from "fast-check";
import { jsonBytes } from "../../src/cli/jsonOut";
import { scoreLedger } from "../../src/engine/scoreLedger";
import { hunan } from "../../src/schemes/hunan";
import { resolveSettings } from "../../src/schemes/schema";
import { locateSheet, readSheet } from "../../src/sheets/readSheet";
import { gridOf } from "../helpers";

const joined = (v: unknown) => Buffer.concat([...jsonBytes(v)]).toString("utf8");
const expected = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** A value with toJSON, as the result rows are. */
class View {
  constructor(private readonly n: number) {}
  toJSON() {
    return { n: this.n, text: `第${this.n}行\n换行` };
  }
}

const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.date({ min: new Date(0), max: new Date(4e12) }),
  fc.integer({ min: 0, max: 9 }).map((n) => new View(n)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 6 }),
  object: fc.dictionary(fc.string(), tie("value"), { maxKeys: 6 }),
}));

// A result is an object: a top-level value JSON leaves out (a bare function) has no JSON text to match.
test("any value in an object or an array: the same bytes as JSON.stringify", () => {
  fc.assert(
    fc.property(value, (v) => {
      expect(joined({ v })).toBe(expected({ v }));
      expect(joined([v])).toBe(expected([v]));
    }),
    { numRuns: 500, seed: 7 },
  );
});

test("empty containers, left-out keys and nulls in arrays", () => {
  for (const v of [{}, [], { a: [] }, { a: {} }, [undefined, () => 1], { a: undefined, b: 1 }, { a: undefined }, [[], {}], "x\ny", 0]) {
    expect(joined(v)).toBe(expected(v));
  }
});

test("a scored ledger (result rows are views with toJSON), in more than one piece", () => {
  const inputs = Array.from({ length: 400 }, (_, i) => ({ city: "长沙", unit: "长沙市质监站", name: `岗位${i}`, postType: i % 2 ? "服务岗" : "监督岗", year: 2025, noIdentity: i % 3 ? "否" : "没有亮明身份", q1: 0.85 }));
  const grid = gridOf(inputs);
  const found = locateSheet(grid, hunan.ledger, { outputs: hunan.outputs });
  if (!found.ok) throw new Error("ledger not recognised");
  const read = readSheet(grid, hunan.ledger, found.map);
  const result = scoreLedger({ sheets: [{ sheet: read.sheet, headerRow: read.map.headerRow, records: read.records }] }, hunan, resolveSettings(hunan));
  const pieces = [...jsonBytes(result)];
  expect(pieces.length).toBeGreaterThan(1);
  expect(Buffer.concat(pieces).toString("utf8")).toBe(expected(result));
});
