/**
 * The yes/no reader against phrasings as offices write them in 违纪违法, 违背道德风尚, 查实群众投诉, 超期押证,
 * 撤销情形 and the shanghai gate columns. Each row names itself.
 */
import { parseYesNo, parseYesNoOrText } from "../../src/sheets/values";
import { readYesNoText } from "../../src/sheets/yesNoText";
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";

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
  // Who checked, or who is meant, before the negation.
  "经查该岗位人员均无违纪违法问题",
  "经市纪委监委核查无违纪问题",
  "经纪委核查无问题",
  "经过调查没有问题",
  "调查后无问题",
  "岗位3名党员全年均未受到处分",
  "经局机关纪委审查，示范岗成员没有违纪违法行为",
  // Something good, or something else, said first: not a case.
  "被评为优秀党员，无违纪",
  "受到表彰，无违纪违法",
  "受到群众表扬，未受到处分",
  "有关部门核查后认定其无违纪问题",
  "存在的问题已整改，无违纪",
  "受到上级通报表扬，无违纪",
  // Counts of none; negations of a case word; a denied lead; denials of a standard's revocation.
  "零",
  "全年零违纪",
  "零事故",
  "事故0起",
  "行政处罚0次",
  "超期押证0次，拒办0次",
  "不良信用记录：0条",
  "未超期",
  "被责令整改1次，未处罚",
  "未违纪，未违法",
  "不信仰封建迷信，不参与邪教活动",
  "不宣扬封建迷信和歪理邪说",
  "从不参与赌博等活动",
  "未查询到不良信用记录",
  "无违纪违法问题线索",
  "不符合撤销条件",
  "处罚金额0元",
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
  // A case before a negation is still a case; compounds of 无 are not negations.
  "张某违纪无悔改",
  "人员因无证施工被处罚",
  "成员无故拒办监督手续被投诉",
  "经查实该人员无证上岗被处罚",
  "被举报后未按时整改",
  "受到批评教育",
  "被约谈一次",
  // 零星 is not a count of none; a duty left undone is a case.
  "零星超期押证2件",
  "未举报违法违纪行为",
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
  "被评为优秀党员",
  "受到表彰",
  "因工作调动",
  "有效开展工作",
  // Praise holding a case word (通报表扬), and a lead not yet established.
  "被通报表扬",
  "发现违纪线索一条，已移交",
  // A merit not had is no denial of a case; a case awaiting its 认定.
  "未受到表彰",
  "项目发生一起高处坠落事故，责任认定中",
  "待党组织研究",
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

/** A column whose header states an act reads a sentence about the act by the act, as its 是 or 否. */
describe("a sentence about a column's act", () => {
  const fields = [...hunan.ledger.fields, ...hunan.member.fields, ...shanghai.sheet.fields];
  const statementOf = (id: string) => fields.find((f) => f.id === id && f.statement)!.statement!;
  test.each([
    // 未亮明身份: 是 when not shown.
    // shanghai 较大及以上责任事故: read by the accident's grade.
    ["majorAccident", "发生一般事故1起，无较大及以上事故", false],
    ["majorAccident", "未发生较大及以上事故", false],
    ["majorAccident", "2023年发生重大责任事故", true],
    ["noIdentity", "没有亮明身份", true],
    ["noIdentity", "未按规定亮明身份", true],
    ["noIdentity", "有两次未亮明身份", true],
    ["noIdentity", "亮明身份不到位", true],
    ["noIdentity", "是否亮明身份：否", true],
    ["noIdentity", "已亮明身份", false],
    ["noIdentity", "均已亮明党员示范岗身份", false],
    ["noIdentity", "亮明了身份", false],
    ["noIdentity", "是否亮明身份：是", false],
    ["noTenRules", "尚未建立十不准制度", true],
    ["noTenRules", "十不准制度已执行", false],
    ["noTenRules", "按要求执行", false],
    ["noPublicItems", "未在大厅公示", true],
    ["noPublicItems", "已在网站和大厅公开", false],
    ["noStudy", "未落实", true],
    ["noStudy", "学习制度已落实", false],
    // 廉政考核优秀, 负责人为先进个人, 发表论文, 建立联系点, 廉洁自律承诺, 负责人为党员: 是 when done or so.
    ["incorruptExcellent", "廉政考核为优秀", true],
    ["incorruptExcellent", "经考核，评为优秀", true],
    ["incorruptExcellent", "非常优秀", true],
    ["incorruptExcellent", "不是优秀", false],
    ["incorruptExcellent", "未评为优秀", false],
    ["leaderAdvanced", "负责人获评市级先进个人", true],
    ["leaderAdvanced", "未评为先进个人", false],
    ["paper", "已发表论文1篇", true],
    ["paper", "未发表", false],
    ["paper", "发表论文0篇", false],
    ["paper", "发表论文10篇", true],
    ["contactPoint", "已建立", true],
    ["contactPoint", "尚未建立", false],
    ["pledge", "已签订承诺书", true],
    ["pledge", "未签订", false],
    ["leaderMember", "负责人是中共党员", true],
    ["leaderMember", "负责人非党员", false],
    // A denial of the not-doing is done; a plan is not done; a year or 中共 between the negation and the act.
    ["noIdentity", "不存在未亮明身份的情况", false],
    ["noIdentity", "未发现未亮明身份情况", false],
    ["noTenRules", "不存在未执行情况", false],
    ["noPublicItems", "不存在未公开情形", false],
    ["noStudy", "不存在未落实情况", false],
    ["noStudy", "已制定学习计划并按月落实", false],
    ["contactPoint", "计划下半年建立", false],
    ["noPublicItems", "计划下月公开", true],
    ["leaderAdvanced", "负责人未被评为上一年度先进个人", false],
    ["leaderAdvanced", "未被评为2024年度先进个人", false],
    ["leaderMember", "不是中共党员", false],
    // 查实群众投诉 is read by 查实; 成员考核基本合格或不合格 by its grades.
    ["complaint", "接到投诉3起，均已办结，无查实投诉", false],
    ["complaint", "收到投诉2件，查实0件", false],
    ["complaint", "收到投诉1件，经调查属实，已整改", true],
    ["complaint", "2025年3月被投诉查实", true],
    ["memberPoorGrade", "1人基本合格", true],
    ["memberPoorGrade", "李某考核不合格", true],
    ["memberPoorGrade", "无基本合格或不合格情形", false],
    ["memberPoorGrade", "未出现基本合格、不合格等次", false],
  ] as const)("%s ‘%s’ → %s", (id, text, value) => {
    expect(parseYesNo(text, undefined, statementOf(id))).toEqual({ kind: "ok", value, text, read: true });
  });
  test.each([
    // Nothing said of the act: read as any other sentence.
    ["noIdentity", "经查无违纪问题", "no"],
    ["incorruptExcellent", "良好", "undecided"],
    // What states something else says nothing of the act.
    ["majorAccident", "发生一般事故1起", "undecided"],
    // A negation that is not on the act is not guessed at.
    ["incorruptExcellent", "未达到优秀", "undecided"],
    ["noIdentity", "待查", "undecided"],
    // A case word elsewhere says nothing of the column's act.
    ["noTenRules", "受到通报批评", "undecided"],
    ["noIdentity", "已在所有监督项目标牌上公示党员示范岗身份和举报电话", "undecided"],
    ["complaint", "接到投诉2件，均已办结", "undecided"],
    ["memberPoorGrade", "均合格", "undecided"],
  ] as const)("%s ‘%s’ → %s", (id, text, v) => {
    expect(readYesNoText(text, statementOf(id)).verdict).toBe(v);
  });
});
