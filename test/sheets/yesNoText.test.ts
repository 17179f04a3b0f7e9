/**
 * The yes/no reader against phrasings as offices write them in 违纪违法, 违背道德风尚, 查实群众投诉, 超期押证,
 * 撤销情形 and the shanghai gate columns. Each row names itself.
 */
import { parseYesNo, parseYesNoOrText } from "../../src/sheets/values";
import { readYesNoText } from "../../src/sheets/yesNoText";

const verdict = (text: string) => readYesNoText(text).verdict;

/** Sentences that deny: read as 否. */
const DENIALS = [
  "无违纪违法行为",
  "未发现",
  "经查，全年无违纪违法问题",
  "无此情形",
  "暂无",
  "均无",
  "无。",
  "否。",
  "没有",
  "不存在",
  "经核查，该岗位成员本年度内无违纪违法问题",
  "全体成员均无违纪违法行为",
  "该同志全年未受到任何党纪政纪处分",
  "未受到党纪政纪处分",
  "没有受到过任何处分",
  "未发现违纪违法问题",
  "经组织核实，未发现成员有违纪违法行为",
  "2025年度无违纪违法情况",
  "截至目前未发生违纪违法问题",
  "无上述情形",
  "本年度无此类情况",
  "不存在超期押证或拒办情况",
  "未发现超期押证、拒不办理监督手续的情况",
  "全年未收到群众投诉",
  "无查证属实的群众投诉",
  "有无违纪：无",
  "有无违纪违法行为：没有",
  "是否受到处分：否",
  "有一起投诉，经查不属实",
  "收到举报1件，查无实据",
  "群众反映的问题经核查不属实",
  "无违反廉洁自律工作准则的行为",
  "未参与封建迷信和邪教活动",
  "无有悖社会公德、家庭美德的行为",
  "从未受到任何处分",
  "暂未发现违纪违法行为",
  "无（已核实）",
  "否，经查无违纪",
  "0起",
  "无违纪违法问题被查实",
  "无因违纪受到处分的情况",
  "不涉及",
  "申报年度未发生较大及以上责任事故",
  "无不良信用记录",
  "没有不良信用记录",
] as const;

/** Sentences that state a case, or affirm: read as 是 (the text is the reason). */
const CASES = [
  "受到党内警告处分",
  "2025年3月被投诉查实",
  "因无证施工被处罚",
  "无证施工被处罚",
  "不是没有",
  "并非没有违纪问题",
  "负责人受到党内警告处分",
  "成员张某受到行政记过处分",
  "2025年5月因酒驾被行政拘留",
  "有一次群众投诉经查属实",
  "存在超期押证情况",
  "3月份超期押证2件",
  "无正当理由拒不办理监督手续",
  "无故拒办符合要求的工程项目监督手续",
  "该同志被诫勉谈话",
  "被通报批评一次",
  "违反计划生育政策",
  "参与赌博被公安机关处罚",
  "有违纪行为，已立案审查",
  "是（2025年6月受到警告处分）",
  "1起",
  "2次",
  "发生一起较大责任事故",
  "受到区建委行政处罚",
  "列入失信被执行人名单",
  "一起投诉不属实，另一起查实",
  "未发现违纪，但受到通报批评",
  "没有按时办理被投诉",
  "信仰封建迷信",
  "收受施工单位礼金",
  "对违法违纪行为放任不管",
  "曾受留党察看处分",
  "被没收违法所得",
  "查实",
  "确有其事",
] as const;

/** No answer yet, or not an answer: 数据有误, never a revocation. */
const UNDECIDED = [
  "待查",
  "正在调查",
  "?",
  "？",
  "不详",
  "待核实",
  "调查中",
  "尚未查清",
  "尚无结论",
  "暂无结论",
  "待上级纪委认定",
  "本人否认",
  "当事人否认有违纪行为",
  "疑似违纪，正在核查",
  "可能有",
  "不清楚",
  "情况不明",
  "有待进一步核实",
  "另行报告",
  "待定",
  "无法核实",
  "据反映有吃拿卡要问题",
  "良好",
  "正常",
  "合格",
  "详见附件",
  "见备注",
  "有无违纪违法行为",
  "经查",
  "已整改",
  "按要求执行",
] as const;

describe("sentences that deny are read as 否", () => {
  test.each(DENIALS.map((t) => [t]))("%s", (t) => {
    expect(verdict(t)).toBe("no");
  });
});

describe("sentences that state a case are read as 是", () => {
  test.each(CASES.map((t) => [t]))("%s", (t) => {
    expect(verdict(t)).toBe("yes");
  });
});

describe("text that is neither is undecided", () => {
  test.each(UNDECIDED.map((t) => [t]))("%s", (t) => {
    expect(verdict(t)).toBe("undecided");
  });
});

test("each way covers at least 30 phrasings", () => {
  expect(DENIALS.length).toBeGreaterThanOrEqual(30);
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  expect(UNDECIDED.length).toBeGreaterThanOrEqual(30);
});

describe("as cell values", () => {
  test.each([
    ["the exact words are trivial", "无", { kind: "ok", value: false }],
    ["a denial keeps its text and is marked read", "经查，全年无违纪违法问题", { kind: "ok", value: false, text: "经查，全年无违纪违法问题", read: true }],
    ["a case keeps its text as the reason", "受到党内警告处分", { kind: "ok", value: true, text: "受到党内警告处分", read: true }],
  ] as const)("%s", (_name, input, expected) => {
    expect(parseYesNoOrText(input)).toEqual(expected);
  });
  test.each([
    ["待查 says it has no conclusion yet", "待查", /^尚无结论 /],
    ["a sentence names its no-answer word", "正在调查，尚未定性", /^尚无结论（“正在调查”）/],
    ["an unplaceable word says what to write", "良好", /既不是“否”也没有写明情形/],
  ] as const)("%s", (_name, input, why) => {
    const p = parseYesNoOrText(input);
    expect(p.kind).toBe("bad");
    expect(p.kind === "bad" ? `${p.why ?? ""} ${p.expected}` : "").toMatch(why);
    expect(p.kind === "bad" ? p.expected : "").toMatch(/写明情形/);
  });
  test("a plain yes/no column reads sentences the same way", () => {
    expect(parseYesNo("未发现超期押证情况")).toMatchObject({ kind: "ok", value: false, read: true });
    expect(parseYesNo("待查")).toMatchObject({ kind: "bad", expected: "是 或 否" });
  });
});
