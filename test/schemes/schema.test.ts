import { hunan } from "../../src/schemes/hunan";
import { resolveSettings, schemeProblems, SettingsError } from "../../src/schemes/schema";
import { normalizeHeader } from "../../src/sheets/normalize";
import type { Scheme } from "../../src/schemes/types";

test("the hunan scheme table is valid", () => {
  expect(schemeProblems(hunan)).toEqual([]);
});

test("every rule of the spec is in the table, once", () => {
  const ids = ["H1a", "H1b", "H1c", "H1d", "H2a", "H2b", "H2c", "H3a", "H3b", "H4", "H5", "H6a", "H6b", "H7a", "H7b", "H8",
    "H9a", "H9b", "H9c", "H9d", "H9e", "H9f", "H9g", "H9h", "H9i", "H9j", "H9k", "H10", "H11", "H12"];
  expect(hunan.rules.map((r) => r.id)).toEqual(ids);
});

test("no header spelling maps to two fields or to a field and an output", () => {
  for (const sheet of [hunan.ledger, hunan.member]) {
    const seen = new Map<string, string>();
    for (const o of hunan.outputs) for (const h of [o.header, ...(o.synonyms ?? [])]) seen.set(normalizeHeader(h), `output:${o.id}`);
    for (const f of sheet.fields) {
      for (const h of [f.header, ...(f.synonyms ?? [])]) {
        const k = normalizeHeader(h);
        const prev = seen.get(k);
        expect([k, prev === undefined || prev === f.id ? "ok" : prev]).toEqual([k, "ok"]);
        seen.set(k, f.id);
      }
    }
  }
});

test("a scheme referring to an unknown field or threshold is refused", () => {
  const broken: Scheme = {
    ...hunan,
    rules: [...hunan.rules, { id: "X1", item: 1, text: "{nope}", effect: { kind: "revoke" }, applies: "all", post: { op: "below", field: "ghost", threshold: "missing" } }],
  };
  expect(schemeProblems(broken)).toEqual(["X1: unknown ledger field ghost", "X1: unknown threshold missing", "X1: unknown placeholder {nope}"]);
});

describe("settings are validated on load", () => {
  test.each<[string, object, RegExp]>([
    ["cycle start year not a year", { cycleStartYear: 25 }, /cycleStartYear/],
    ["unknown setting", { colour: "red" }, /未知的设置项 colour/],
    ["threshold over 100%", { thresholds: { satisfactionMin: { value: 120 } } }, /satisfactionMin\.value/],
    ["unknown threshold", { thresholds: { foo: { value: 1 } } }, /未知的阈值 foo/],
    ["missingQuarter value", { missingQuarter: "ignore" }, /missingQuarter/],
  ])("%s", (_l, input, message) => {
    expect(() => resolveSettings(hunan, input)).toThrow(SettingsError);
    expect(() => resolveSettings(hunan, input)).toThrow(message);
  });
  test("defaults resolve unchanged", () => {
    expect(resolveSettings(hunan)).toEqual(hunan.defaults);
  });
});
