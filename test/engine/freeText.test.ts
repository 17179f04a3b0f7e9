/** Item 1 end to end: sentences in the ledger's and the 成员 sheet's yes/no columns, and in 撤销情形. */
import { post, scoreOne, scoreRows } from "../helpers";

const notes = (r: { warnings: { message: string }[] }) => r.warnings.map((w) => w.message);

describe("a denial written as a sentence never revokes", () => {
  test.each([
    ["违纪违法", "violation", "无违纪违法行为", "H11"],
    ["违纪违法", "violation", "未发现", "H11"],
    ["违纪违法", "violation", "经查，全年无违纪违法问题", "H11"],
    ["违背道德风尚", "immoral", "无此情形", "H12"],
    ["查实群众投诉", "complaint", "有一起投诉，经查不属实", "H6b"],
    ["超期押证或拒办", "overdue", "未发现超期押证情况", "H9k"],
    ["撤销情形", "revokeNote", "无此情形", "R0"],
    ["撤销情形", "revokeNote", "暂无", "R0"],
    ["违纪违法", "violation", "被评为优秀党员，无违纪", "H11"],
    ["违纪违法", "violation", "有关部门核查，无违纪问题", "H11"],
    ["违纪违法", "violation", "全年零违纪", "H11"],
    ["违背道德风尚", "immoral", "不信仰封建迷信，不参与邪教活动", "H12"],
    ["查实群众投诉", "complaint", "接到投诉3起，均已办结，无查实投诉", "H6b"],
    ["超期押证或拒办", "overdue", "超期押证0次，拒办0次", "H9k"],
    ["撤销情形", "revokeNote", "不符合撤销条件", "R0"],
  ])("%s ‘%s’ (%s)", (header, field, text, rule) => {
    const r = scoreOne({ [field]: text });
    expect(r.status).toBe("retain");
    expect(r.revocations.map((v) => v.rule)).not.toContain(rule);
    expect(notes(r)).toContainEqual(expect.stringMatching(new RegExp(`${header}（[A-Z]+2）‘${text}’按‘否’处理`)));
  });
});

describe("a sentence stating a case revokes, its text the reason", () => {
  test.each([
    ["violation", "受到党内警告处分", "H11"],
    ["violation", "因无证施工被处罚", "H11"],
    ["complaint", "2025年3月被投诉查实", "H6b"],
    ["revokeNote", "负责人受到党内警告处分", "R0"],
    ["revokeNote", "负责人未被评为上年度先进个人", "R0"],
  ])("%s ‘%s’ → %s", (field, text, rule) => {
    const r = scoreOne({ [field]: text });
    expect(r.status).toBe("revoke");
    const v = r.revocations.find((x) => x.rule === rule);
    expect(v?.reason).toContain(text);
  });
});

describe("text that is neither is 数据有误 naming the cell and what to write", () => {
  test.each([
    ["violation", "待查"],
    ["violation", "正在调查"],
    ["immoral", "？"],
    ["revokeNote", "不详"],
    ["revokeNote", "待党组织研究"],
  ])("%s ‘%s’", (field, text) => {
    const r = scoreOne({ [field]: text });
    expect(r.status).toBe("error");
    expect(r.revocations).toEqual([]);
    expect(r.errors[0]!.message).toMatch(/（[A-Z]+2）“.+”(尚无结论|既不是)/);
    expect(r.errors[0]!.message).toMatch(/应填写否（没有此情形），或 是／写明情形/);
  });
});

test("a member's sentence is read and shown with the 成员 sheet's cell", () => {
  const rows = scoreRows([post({ postType: "监督岗" })], {
    members: [{ name: "报建窗口", memberName: "张三", violation: "经查，全年无违纪违法问题" }],
  });
  expect(rows[0]!.revocations).toEqual([]);
  expect(notes(rows[0]!)).toContainEqual(expect.stringMatching(/违纪违法（成员!C2）‘经查，全年无违纪违法问题’按‘否’处理/));
});

describe("a sentence about a column's act is read by the act", () => {
  test.each([
    ["未亮明身份", "noIdentity", "没有亮明身份", "是", "H2a"],
    ["未亮明身份", "noIdentity", "未按规定亮明身份", "是", "H2a"],
    ["未执行十不准制度", "noTenRules", "尚未建立十不准制度", "是", "H2b"],
  ])("%s ‘%s’ deducts (%s)", (header, field, text, shown, rule) => {
    const r = scoreOne({ [field]: text });
    expect(r.deductions.map((d) => d.rule)).toContain(rule);
    expect(notes(r)).toContainEqual(expect.stringMatching(new RegExp(`${header}（[A-Z]+2）‘${text}’按‘${shown}’处理`)));
  });
  test.each([
    ["noIdentity", "已亮明党员示范岗身份", "H2a"],
    ["noTenRules", "十不准制度已执行", "H2b"],
  ])("%s ‘%s’ does not deduct", (field, text, rule) => {
    const r = scoreOne({ [field]: text });
    expect(r.deductions.map((d) => d.rule)).not.toContain(rule);
    expect(r.status).not.toBe("error");
  });
  test("廉政考核优秀 ‘不是优秀’ revokes (H2c); ‘廉政考核为优秀’ does not", () => {
    expect(scoreOne({ incorruptExcellent: "不是优秀" }).revocations.map((v) => v.rule)).toContain("H2c");
    const r = scoreOne({ incorruptExcellent: "廉政考核为优秀" });
    expect(r.revocations.map((v) => v.rule)).not.toContain("H2c");
    expect(r.status).not.toBe("error");
  });
});

describe("撤销情形: any text that neither denies nor awaits a conclusion revokes, the text the reason", () => {
  test.each([["因工作调动调离岗位"], ["详见附件"], ["负责人受到党内警告处分"]])("‘%s’", (text) => {
    const r = scoreOne({ revokeNote: text });
    expect(r.status).toBe("revoke");
    expect(r.revocations.find((v) => v.rule === "R0")?.reason).toContain(text);
  });
  test("in another column the same text is not a case", () => {
    expect(scoreOne({ violation: "因工作调动调离岗位" }).status).toBe("error");
  });
});
