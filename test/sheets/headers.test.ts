import { hunan } from "../../src/schemes/hunan";
import type { SheetGrid } from "../../src/sheets/grid";
import { locateSheet } from "../../src/sheets/readSheet";

const locate = (values: SheetGrid["values"]) => locateSheet({ name: "S", values }, hunan.ledger, { outputs: hunan.outputs });

describe("header row", () => {
  test("is found under merged title rows", () => {
    const r = locate([["XX市党员示范岗考核台账"], ["填报单位：XX"], [], ["示范岗名称", "岗位类别", "考核年度"], ["报建窗口", "服务岗", 2025]]);
    expect(r.ok && r.map.headerRow).toBe(4);
  });
  test("is not looked for below row 10", () => {
    const rows: SheetGrid["values"] = Array.from({ length: 10 }, () => ["标题"]);
    rows.push(["示范岗名称", "岗位类别"]);
    const r = locate(rows);
    expect(r.ok).toBe(false);
  });
  test("missing required headers are named", () => {
    const r = locate([["市州", "工作单位", "示范岗名称", "考核年度"]]);
    expect(r).toEqual(expect.objectContaining({ ok: false, missing: ["岗位类别"], found: expect.arrayContaining(["市州", "示范岗名称"]) }));
  });
});

describe("header variants map to the same field", () => {
  test.each<[string, string]>([
    ["一季度满意度", "q1"],
    ["一季度满意度(%)", "q1"],
    ["一季度满意度（%）", "q1"],
    ["一季度\n满意度", "q1"],
    [" 一 季 度 满 意 度 ", "q1"],
    ["第一季度满意度", "q1"],
    ["１季度满意度", "q1"],
    ["未亮明身份（是/否）", "noIdentity"],
    ["未亮明身份(是/否)", "noIdentity"],
    ["党员示范岗（科室）名称", "name"],
    ["岗位名称", "name"],
    ["党员服务示范岗/党员监督示范岗", "__none__"],
    ["年度", "year"],
    ["考核年度", "year"],
    ["省（市）级优质工程数", "excellentProjects"],
    ["省市级优质工程数", "excellentProjects"],
    ["为民廉洁奉公扣分", "review2"],
    ["带头弘扬正气扣分", "review12"],
    ["撤销情形", "revokeNote"],
    ["ＳＨＯＵＬＤ", "__none__"],
  ])("%p → %p", (header, field) => {
    const r = locate([["示范岗名称", "岗位类别", header]]);
    if (!r.ok) throw new Error("not located");
    const col = r.map.fields.get(field);
    if (field === "__none__") expect(r.map.unknown.map((u) => u.col)).toContain(3);
    else if (field === "name") expect(r.map.ambiguous.find((a) => a.field === "name")?.cols).toEqual([1, 3]);
    else expect(col).toBe(3);
  });
});

test("owned output columns are recognised, unknown columns kept aside", () => {
  // Named like two of ours, but not recorded and not the block an earlier version wrote: the user's columns.
  const r = locate([["序号", "示范岗名称", "岗位类别", "备注", "扣分总计", "考核结论"]]);
  if (!r.ok) throw new Error("not located");
  expect([...r.map.outputs]).toEqual([]);
  expect(r.map.unknown.map((u) => u.header)).toEqual(["序号", "备注", "扣分总计", "考核结论"]);
  const all = locate([["序号", "示范岗名称", "岗位类别", "备注", ...hunan.outputs.map((o) => o.header)]]);
  if (!all.ok) throw new Error("not located");
  expect([...all.map.outputs]).toEqual(hunan.outputs.map((o, i) => [o.id, 5 + i]));
  expect(all.map.unknown.map((u) => u.header)).toEqual(["序号", "备注"]);
});
