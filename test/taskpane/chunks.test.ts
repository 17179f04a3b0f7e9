/** The worker's large answers in slices: what is split is what is joined, and no message carries a long array. */
import { join, split } from "../../src/taskpane/chunks";

test.each([
  ["a long array at the top", Array.from({ length: 2500 }, (_, i) => i)],
  ["long arrays inside objects, with Maps and Dates left whole", { grids: [{ name: "台账", values: Array.from({ length: 2001 }, (_, i) => [i, `行${i}`, null]) }], map: new Map([["name", 3]]), at: new Date(0) }],
  ["short arrays and plain values", { a: [1, 2, 3], b: "文字", c: null, d: undefined }],
])("%s", (_name, value) => {
  const { skeleton, slices } = split(value, 1000);
  expect(slices.every((s) => s.items.length <= 1000)).toBe(true);
  expect(JSON.stringify(skeleton).length).toBeLessThan(2000);
  expect(join(skeleton, slices)).toEqual(value);
});
