/**
 * How a yes/no cell written as a sentence is read, the way a person reads it ("经查，全年无违纪违法问题" is a
 * 否; "因无证施工被处罚" states a case; "待查" is no answer yet). A small classifier over data tables:
 *
 * 1. The whole cell against the exact words (是/否/有/无/√/× …): a trivial reading.
 * 2. No-answer-yet words anywhere (待查, 正在调查, 不详, ?, 否认, 认定中 …): undecided — never a revocation; a lead
 *    (线索, 移交) in a clause that denies it ("无违纪问题线索") is denied with the rest.
 * 3. Otherwise the text is cut into clauses (，；。 and 但). In each clause, after leading frame words
 *    (经查, 全年, 该同志, 均 …) and a "question: answer" label:
 *    - a double negation (不是没有, 并非没有) affirms;
 *    - a negation cue at the clause head (无, 没有, 未发现, 未受到, 不存在, 暂无 …) denies everything in its
 *      scope: the rest of the clause, unless a new predicate starts later (被/受到/给予 … after other words,
 *      as in "没有按时办理被投诉"), when the clause affirms. Compounds that only look negative (无证, 无故,
 *      无正当理由, 没收, 零星) are not cues. A count of none at the head ("零投诉", "0起事故") is a cue, and so is a
 *      bare 未/不/没 right before a case word ("未超期", "未处罚"), unless the word is a duty left undone (未举报);
 *    - a negation whose scope names a merit and no case ("未被评为先进个人", "未受到表彰") denies nothing: no reading;
 *    - a shortfall (未达到, 不符合) denies only a revocation ("不符合撤销条件"); else no reading;
 *    - a clause ending in a count of none ("事故0起", "行政处罚0次") denies;
 *    - a dismissal (不属实, 查无实据, 未查实) denies the clause and cancels what earlier clauses affirmed
 *      ("有一起投诉，经查不属实");
 *    - a clause opening with 有/存在/发生/受到/被 …, or naming a case word (处分, 处罚, 查实, 违纪 …) affirms;
 *    - a bare count (1起, 0次) affirms when above zero, denies at zero.
 *    Any affirming clause left makes the cell 是; else any denying clause makes it 否; else undecided.
 *
 * In a column whose header states an act (see {@link readStatement}), a sentence that does not speak of the act is
 * read as above, except that a case word says nothing of the act ("受到通报批评" in 未执行十不准制度 is undecided).
 *
 * Tables are compiled once; the classifier runs only on text cells the exact words do not settle.
 */
import type { Statement } from "../schemes/types";
import { normalizeText } from "./normalize";

export type YesNoReading =
  | { verdict: "yes" | "no"; trivial: boolean }
  | { verdict: "undecided"; cue: string | null };

/** Whole-cell words. */
export const YES_WORDS = ["是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对", "是的", "有的", "存在"];
export const NO_WORDS = ["否", "无", "n", "no", "false", "0", "×", "✗", "✘", "x", "没有", "不是", "不存在", "零"];

/** No answer yet: the cell is 数据有误, never a guess. Checked anywhere in the text. */
export const UNDECIDED_CUES = [
  "待查", "待核", "待确认", "待定", "待了解", "待调查", "待认定", "有待", "调查中", "核查中", "核实中", "审查中", "处理中",
  "正在调查", "正在核查", "正在核实", "正在处理", "正在审查", "尚在调查", "尚未核实", "尚未查清", "尚未查实", "尚未定性",
  "尚未结案", "尚未处理", "尚无结论", "暂无结论", "没有结论", "未有结论", "未定性", "未结案", "无法核实", "无法确认",
  "无法确定", "无法查证", "不详", "不清楚", "不明", "不确定", "未知", "未核实", "说不清", "存疑", "疑似", "可能", "也许",
  "或许", "据反映", "据说", "听说", "否认", "另行", "?", "？", "待上级", "未定", "线索", "已移交", "移交",
  "尚待", "待研究", "待审", "待组织", "待党组织", "待纪委", "待处理", "研究中", "认定中", "审核中", "评定中", "确认中", "查询中",
];
/** Undecided words that name a lead: a clause denying it ("无违纪问题线索", "没有移交") denies, as any negated noun. */
export const LEAD_CUES = ["线索", "已移交", "移交", "疑似"];

/** Leading frame words of a clause: who, when, how it was checked. Stripped repeatedly. */
export const FRAME_WORDS = [
  "经组织核查", "经组织核实", "经组织调查", "经核查", "经核实", "经调查", "经审查", "经了解", "经排查", "经自查", "经审核",
  "经考察", "经考核", "经查", "据查", "核查", "核实", "排查", "自查",
  "申报年度", "上一年度", "上年度", "在建在监项目", "所监督项目", "受监项目", "项目", "截至目前", "截止目前", "截至年底", "截止年底", "考核年度内", "考核期内", "考核期间", "本年度内", "本年度", "全年度",
  "年度内", "年内", "当年", "全年", "本年", "今年", "上半年", "下半年", "目前", "至今", "迄今", "一直", "历年", "以来",
  "党员示范岗成员", "示范岗成员", "全体成员", "所有成员", "岗位成员", "该成员", "成员", "该同志", "本人", "负责人",
  "该示范岗", "本示范岗", "该岗位", "本岗位", "该岗", "本岗", "本单位", "该单位", "全体",
  "均", "都", "皆", "全部", "也", "亦", "并且", "并", "且", "而且", "同时", "另外", "此外", "暂", "尚", "内", "在",
];
/** "2025年", "2025年度", "3月份", "1-6月" at the head of a clause. */
const FRAME_DATE = /^(\d{4}年度?|\d{4}|\d{1,2}(-\d{1,2})?月份?|[一二三四五六七八九十]+月份?|\d{1,2}日)/;

/** Negation cues at the head of a clause, longest first. */
export const NEGATION_CUES = [
  "未发现", "没有发现", "没发现", "未发生", "没有发生", "未出现", "没有出现", "未受到", "没有受到", "没受到", "未受过", "未受",
  "未被", "没有被", "未有", "未曾", "从未", "从无", "从没有", "从来没有", "未违反", "没有违反", "未参与", "没有参与", "未参加",
  "未涉及", "不涉及", "未收到", "没有收到", "未接到", "没有接到", "不存在", "未存在", "查无", "并无", "未查出", "没有查出",
  "未查到", "没有查到", "未查询到", "没有查询到", "未检索到", "未见", "不参与", "不参加", "不信仰", "不宣扬", "从不", "不曾",
  "没有", "没", "无",
];
/**
 * A bare negation character is a cue only right before a case word ("未超期", "未处罚", "不违法"), not one naming a
 * duty left undone ("未举报违法行为", "未查处" are cases).
 */
const BARE_NEGATION = /^[未不没]/;
export const DUTY_WORDS = ["举报", "投诉", "查处", "问责", "追责", "立案", "约谈", "通报", "批评"];
/**
 * A shortfall of a standard at the head of a clause (未达到, 不符合): it denies only when the standard is the revocation
 * itself ("不符合撤销条件", "未达到撤销标准"); "未达到100%" or "未达到优秀" is read as any other text.
 */
export const SHORTFALL_CUES = ["不符合", "不满足", "未达到", "达不到", "未触及"];
export const REVOKE_WORDS = ["撤销", "撤消", "取消称号"];
/** A count of none at the head of a clause ("零投诉", "0起事故"): negates what follows, as 无 does. */
const ZERO_HEAD = /^(0+|零|〇)(次|起|件|人次|人|项|例|宗|个|条|篇|份|处|名)?(?![0-9.])/;
/** A clause ending in a count or amount of none ("事故0起", "行政处罚：0次", "投诉为零", "罚款0元"), with no other number in it. */
const ZERO_TAIL = /^[^0-9]*[^0-9.](为|是|共)?(0+|零|〇)(次|起|件|人次|人|项|例|宗|个|条|篇|份|处|名|元|万元)?$/;
/** Words that start with a negation character but are not a negation of the case (无证施工, 无故拒办, 没收). */
export const NOT_NEGATION = ["无证", "无照", "无资质", "无故", "无视", "无端", "无理", "无辜", "无偿", "无效", "无序", "无正当理由", "无特殊原因", "没收", "零星", "零散"];

/** Double negations: affirm. */
export const DOUBLE_NEGATION = ["不是没有", "并非没有", "不是无", "并非无", "不能说没有", "并不是没有", "不是不存在", "并非不存在"];

/** The case was looked into and not established: the clause denies and cancels earlier affirming clauses. */
export const DISMISSAL_CUES = ["不属实", "查无实据", "未查实", "未经查实", "未予查实", "不予立案", "未予立案", "未立案", "不成立", "免予处分", "免于处分", "免予处罚", "免于处罚", "已澄清", "予以澄清", "系误报", "属误报"];

/** A clause opening with these states that something happened. */
export const AFFIRM_STARTS = ["有", "存在", "发生", "确有", "查实", "属实"];
/**
 * A clause opening with these states something that happened to someone, which is a case only when it names one
 * ("被投诉", "受到处分", "因酒驾被拘留"): "被评为优秀党员", "受到表彰", "因工作调动" are not.
 */
export const EVENT_STARTS = ["发现", "受到", "受过", "曾", "已被", "被", "因", "遭到", "给予", "予以"];
/** Words that open with an affirming character but state nothing ("有关部门核查…", "有效开展", "存在的问题已整改"). */
export const NOT_AFFIRM_STARTS = ["有关", "有效", "有序", "有力", "有所", "有的", "有利", "存在的", "发现的"];

/** Words naming a case: misconduct, sanctions, findings (评分表 items 6, 9, 11, 12 and the shanghai gates). */
export const CASE_WORDS = [
  "处分", "处罚", "警告", "记过", "降级", "撤职", "开除", "留党察看", "诫勉", "通报批评", "通报", "批评", "约谈", "问责", "追责", "立案", "查处",
  "查实", "属实", "违纪", "违法", "违规", "违反", "犯罪", "判刑", "拘留", "罚款", "罚金", "投诉", "举报", "超期", "拒办", "拒不",
  "不作为", "乱作为", "迷信", "邪教", "赌博", "嫖娼", "吸毒", "酒驾", "醉驾", "酒后驾", "家暴", "家庭暴力", "斗殴", "打架",
  "传销", "受贿", "行贿", "索贿", "贪污", "挪用", "吃拿卡要", "收受", "礼金", "超生", "计划生育", "失信", "被执行人", "诈骗",
  "盗窃", "事故", "放任", "包庇", "纵容", "不良记录", "不良信用", "黑名单", "被投诉", "被举报", "被处罚", "被处分",
];

/** After a negation cue, these start a new predicate (scope ends) unless right after the cue. */
const SCOPE_BREAKS = ["被", "受到", "遭到", "给予", "予以", "处以"];
/** …except these, which only report the finding of what was negated ("无违纪问题被查实"). */
const SCOPE_KEEPS = ["被查实", "被查处", "被发现", "被核实"];
/** A clause ending in a nominaliser is one negated noun phrase: the scope covers it all. */
const NOMINALISER = /(的)?(情况|情形|行为|问题|现象|事件|事项|记录|事实|案件|事情)$/;
/** "question: answer" labels and question words opening a clause. */
const QUESTION_STARTS = ["有无", "有没有", "是否", "是不是", "有否"];
const COUNT = /^(\d+|[零一二两三四五六七八九十]+)(次|起|件|人次|人|项|例|宗|个|条|篇|份|处|名)$/;
const CN_NUMBER = /^[零〇]$/;

const yesSet = new Set(YES_WORDS.map(normalizeText));
const noSet = new Set(NO_WORDS.map(normalizeText));
const byLength = (xs: readonly string[]) => [...xs].map(normalizeText).sort((a, b) => b.length - a.length);
const undecided = byLength(UNDECIDED_CUES);
const frames = byLength(FRAME_WORDS);
const negations = byLength(NEGATION_CUES);
const notNegation = byLength(NOT_NEGATION);
const doubles = byLength(DOUBLE_NEGATION);
const dismissals = byLength(DISMISSAL_CUES);
const affirmStarts = byLength(AFFIRM_STARTS);
const eventStarts = byLength(EVENT_STARTS);
const notAffirmStarts = byLength(NOT_AFFIRM_STARTS);
const caseWords = byLength(CASE_WORDS);
/** Praise that contains a case word (通报表扬 holds 通报): not a case. */
export const PRAISE = ["通报表扬", "通报表彰", "通报嘉奖", "表扬通报", "表彰通报"];
const PRAISE_RE = new RegExp(byLength(PRAISE).join("|"), "g");
/** Whether the text names a case (praise that holds a case word left out). */
function namesCase(x: string): boolean {
  const plain = x.replace(PRAISE_RE, "");
  return caseWords.some((w) => plain.includes(w));
}
const questions = byLength(QUESTION_STARTS);
/**
 * Standings and merits. A negation of one that names no case ("未被评为先进个人", "未受到表彰") denies a merit, not a
 * case: it is no 否 of a case column (and is itself the case in 撤销情形).
 */
export const MERITS = ["评为", "评上", "获评", "评选", "优秀", "先进", "模范", "表彰", "表扬", "嘉奖", "合格", "达标", "达到"];
const merits = byLength(MERITS);
const leads = byLength(LEAD_CUES);

const TRIVIAL_YES: YesNoReading = { verdict: "yes", trivial: true };
const TRIVIAL_NO: YesNoReading = { verdict: "no", trivial: true };

/** Exact word of the tables, or null. */
export function exactYesNo(t: string): boolean | null {
  if (yesSet.has(t)) return true;
  if (noSet.has(t)) return false;
  return null;
}

/** Whether `x` holds only frame words (or nothing). */
function onlyFrame(x: string): boolean {
  return x === "" || stripFrame(`${x}。`) === "。";
}

function stripFrame(c: string): string {
  let s = c;
  for (let guard = 0; guard < 12 && s; guard++) {
    const d = FRAME_DATE.exec(s);
    if (d && d[0].length < s.length) {
      s = s.slice(d[0].length);
      continue;
    }
    const f = frames.find((w) => s.startsWith(w) && s.length > w.length);
    if (!f) break;
    s = s.slice(f.length);
  }
  return s;
}

type Clause = "yes" | "no" | "dismiss" | null;

function negationCue(s: string): string | null {
  if (notNegation.some((w) => s.startsWith(w))) return null;
  const cue = negations.find((w) => s.startsWith(w));
  if (cue) return cue;
  if (BARE_NEGATION.test(s) && caseWords.some((w) => s.startsWith(w, 1)) && !DUTY_WORDS.some((w) => s.startsWith(w, 1))) return s[0]!;
  return ZERO_HEAD.exec(s)?.[0] ?? null;
}

/**
 * One clause's reading. `cases` false (a column about one act, when the sentence does not speak of it): a case word
 * or an opening that states something ("受到通报批评" in 未执行十不准制度, "发生一般事故1起" in 较大及以上责任事故)
 * says nothing of the act; only counts and negations count.
 */
function readClause(raw: string, cases = true): Clause {
  const s = stripFrame(raw);
  if (!s) return null;
  const exact = exactYesNo(s);
  if (exact !== null) return exact ? "yes" : "no";
  if (doubles.some((w) => raw.includes(w))) return "yes";
  if (dismissals.some((w) => s.includes(w))) return "dismiss";
  if (questions.some((w) => s.startsWith(w))) return null;
  const count = COUNT.exec(s);
  if (count) return /^(0+|[零〇])$/.test(count[1]!) || CN_NUMBER.test(count[1]!) ? "no" : "yes";
  // "事故0起", "行政处罚0次": none of what the clause names.
  if (ZERO_TAIL.test(s)) return "no";
  const shortfall = SHORTFALL_CUES.find((w) => s.startsWith(w));
  if (shortfall) return REVOKE_WORDS.some((w) => s.includes(w, shortfall.length)) ? "no" : null;
  const cue = negationCue(s);
  if (cue) return negated(s.slice(cue.length));
  const opens = !notAffirmStarts.some((w) => s.startsWith(w)) && !questions.some((w) => s.startsWith(w));
  if (cases && opens && affirmStarts.some((w) => s.startsWith(w))) return "yes";
  if (cases && opens && eventStarts.some((w) => s.startsWith(w)) && namesCase(s)) return "yes";
  // Who checked or who is meant may come first ("经市纪委监委核查无违纪问题", "该岗位人员均无违纪违法问题"): a
  // negation after such words, with nothing of a case before it, denies as it would at the head.
  const inner = innerNegation(s);
  if (inner) {
    const rest = s.slice(inner.at + inner.cue.length);
    if (!rest || NOMINALISER.test(rest) || namesCase(rest)) return negated(rest);
  }
  if (cases && namesCase(s)) return "yes";
  return null;
}

/** A clause whose negation cue scopes over `rest` (what follows the cue). */
function negated(rest: string): Clause {
  // "未被评为先进个人": no merit, which denies no case.
  if (!namesCase(rest) && merits.some((w) => rest.includes(w))) return null;
  if (NOMINALISER.test(rest)) return "no";
  for (const b of SCOPE_BREAKS) {
    const at = rest.indexOf(b, 1);
    if (at > 0 && !SCOPE_KEEPS.some((k) => rest.startsWith(k, at))) return "yes";
  }
  return "no";
}

/** What may not stand before an inner negation: a predicate of its own (the clause then states something first). */
const BEFORE_NEGATION = byLength(["被", "受到", "受过", "遭到", "给予", "予以", "处以", "发生", "存在", "确有", "属实", "曾"]);

/**
 * The first negation cue inside the clause (not at its head) with only who or how before it: nothing that names a
 * case or states a predicate, and not the 无 of a question (有无, 有没有).
 */
function innerNegation(s: string): { at: number; cue: string } | null {
  for (let at = 1; at < s.length; at++) {
    if (caseWords.some((w) => s.startsWith(w, at)) && !PRAISE.some((w) => s.startsWith(w, at))) return null;
    if (notNegation.some((w) => s.startsWith(w, at))) continue;
    const cue = negations.find((w) => s.startsWith(w, at));
    if (!cue) continue;
    const before = s.slice(0, at);
    // 有无 asks; 非没有 affirms.
    if (before.endsWith("有") || before.endsWith("非") || before.endsWith("不是") || questions.some((w) => before.includes(w))) return null;
    if (BEFORE_NEGATION.some((w) => before.includes(w))) return null;
    return { at, cue };
  }
  return null;
}

const CLAUSE_SPLIT = /[,;。!！\n()[\]【】]|但是|但|然而|不过|可是/;

/**
 * Reads a yes/no cell's text (already known not to be blank). `trivial` marks the exact words of the
 * tables; any other reading is shown to the user (提示). With the column's {@link Statement}, a sentence that
 * speaks of its act is read by the act ({@link readStatement}); any other by what it says of a case.
 */
export function readYesNoText(text: string, statement?: Statement): YesNoReading {
  // Offices repeat the same few phrases down a column: read each once.
  let memo = statement ? statementMemos.get(statement) : plainMemo;
  if (!memo) statementMemos.set(statement!, (memo = new Map<string, YesNoReading>()));
  const seen = memo.get(text);
  if (seen) return seen;
  const r = classify(text, statement);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, r);
  return r;
}

const MEMO_LIMIT = 4096;
const plainMemo = new Map<string, YesNoReading>();
const statementMemos = new WeakMap<Statement, Map<string, YesNoReading>>();

function classify(text: string, statement: Statement | undefined): YesNoReading {
  const t = normalizeText(text).replace(/[。.!！;；,，、\s]+$/u, "");
  const exact = exactYesNo(t);
  if (exact !== null) return exact ? TRIVIAL_YES : TRIVIAL_NO;
  const cue = undecidedCue(t);
  if (cue) return { verdict: "undecided", cue };
  const act = statement ? readStatement(t, statement) : null;
  if (act !== null) return { verdict: act ? "yes" : "no", trivial: false };
  // "有无违纪违法：无" — the label before the last colon is a question, the answer follows.
  const colon = t.lastIndexOf(":");
  const body = colon >= 0 && colon < t.length - 1 ? t.slice(colon + 1) : t.replace(/:$/, "");
  let yes = false;
  let no = false;
  for (const c of body.split(CLAUSE_SPLIT)) {
    const r = readClause(c, !statement);
    if (r === "yes") yes = true;
    else if (r === "no") no = true;
    else if (r === "dismiss") {
      yes = false;
      no = true;
    }
  }
  if (yes) return { verdict: "yes", trivial: false };
  if (no) return { verdict: "no", trivial: false };
  return { verdict: "undecided", cue: null };
}

/** The first no-answer-yet word, leaving out a lead that a clause denies ("无违纪问题线索"). */
function undecidedCue(t: string): string | null {
  const deniedLead = (w: string) =>
    leads.includes(w) &&
    t.split(CLAUSE_SPLIT).every((c) => {
      if (!c.includes(w)) return true;
      const s = stripFrame(c);
      const neg = negationCue(s);
      return neg !== null && s.indexOf(w, neg.length) >= neg.length;
    });
  return undecided.find((w) => t.includes(w) && !deniedLead(w)) ?? null;
}

/** Words between a negation and the act that leave the negation on it ("未按规定及时亮明身份", "未评为优秀"). */
const ACT_FILLERS = byLength([
  "按规定", "按照规定", "按要求", "按照要求", "按时", "按期", "及时", "主动", "全部", "完全", "全面", "认真", "严格", "切实",
  "有效", "如实", "规范", "能够", "能", "被评为", "评为", "获评", "评上", "获得", "获", "是", "为", "对外", "向社会",
  "向群众", "都", "均", "已经", "已", "曾", "有", "再", "上一年度", "上年度", "本年度", "年度", "上一年", "中共",
]);
/** A year before the act ("评为2024年度先进个人"). */
const ACT_YEAR = /\d{4}年度?$/;
/** Before the act: only planned, not done ("计划下半年建立", "拟于年底公开"). */
const PLANS = ["计划", "拟", "准备", "打算", "将于"];
/** A phrase of place or means right before the act ("在办公大厅", "通过网站"), without a negation in it. */
const ACT_PLACE = /(在|于|向|通过|利用)[^未没不非无在于向]{1,10}$/;
/** Negations of an act, at the end of what precedes it. */
const ACT_NEGATIONS = byLength(["尚未", "从未", "未能", "没能", "没有", "未曾", "未", "没", "不是", "不", "非", "无"]);
/** After the act: done, but not as required (counted as not done). */
const SHORTFALLS = byLength(["不到位", "不规范", "不完整", "不全面", "不全", "不够", "不足", "不彻底", "不及时", "未落实", "不落实"]);
/** A count of none after the act ("0篇", "零次"). */
const ZERO_AFTER = /(^|[^0-9.])(0+|零|〇)(篇|次|个|项|份|处|人次|人|起|件)/;
/** Negation characters, and words that only contain one (十不准 is the name of a rule; 非常 is "very"). */
const NEGATION_CHARS = /[未没不非无]/;
const NOT_ACT_NEGATION = /十不准|无证|无故|无偿|无私|非常|不断|毫不/g;

/**
 * What a sentence says of the column's act (`statement`): per clause naming one of its verbs, done ("已亮明身份",
 * "按要求执行", "廉政考核为优秀") or not done ("没有亮明身份", "未按规定及时公开", "不是优秀", "亮明身份不到位"),
 * as the column's 是 or 否 (a negated header is 是 when not done). A "是否亮明身份：否" label answers it too. Any
 * clause giving 是 makes the cell 是; else any giving 否 makes it 否; null when no clause can be read so (then the
 * sentence is read as any other).
 */
export function readStatement(t: string, statement: Statement): boolean | null {
  const colon = t.lastIndexOf(":");
  if (colon > 0 && colon < t.length - 1) {
    const label = t.slice(0, colon);
    const answer = exactYesNo(t.slice(colon + 1));
    if (answer !== null && statement.verbs.some((v) => label.includes(normalizeText(v)))) return statement.negated ? !answer : answer;
  }
  const body = colon >= 0 && colon < t.length - 1 ? t.slice(colon + 1) : t;
  let yes = false;
  let no = false;
  for (const c of body.split(CLAUSE_SPLIT)) {
    const done = actDone(c, statement);
    if (done === null) continue;
    if (done !== statement.negated) yes = true;
    else no = true;
  }
  return yes ? true : no ? false : null;
}

/** Whether the clause says the act was done; null when it names none of the verbs, or cannot be read so. */
function actDone(c: string, statement: Statement): boolean | null {
  let at = -1;
  let verb = "";
  for (const v0 of statement.verbs) {
    const v = normalizeText(v0);
    const i = c.indexOf(v);
    if (i >= 0 && (at < 0 || i < at || (i === at && v.length > verb.length))) {
      at = i;
      verb = v;
    }
  }
  if (at < 0) return null;
  const after = c.slice(at + verb.length);
  if (SHORTFALLS.some((w) => after.includes(w))) return false;
  // "发表论文0篇": done none times.
  if (ZERO_AFTER.test(after)) return false;
  let before = c.slice(0, at);
  for (let guard = 0; guard < 8; guard++) {
    // Where or how it was (not) done: "未在办公大厅公示", "已通过网站公开".
    const place = ACT_PLACE.exec(before);
    if (place) before = before.slice(0, place.index);
    const year = ACT_YEAR.exec(before);
    if (year) before = before.slice(0, year.index);
    const f = ACT_FILLERS.find((w) => before.endsWith(w));
    if (!f) {
      if (place || year) continue;
      break;
    }
    before = before.slice(0, before.length - f.length);
  }
  const head = stripFrame(before);
  if (PLANS.some((w) => head.startsWith(w)) && !NEGATION_CHARS.test(before.replace(NOT_ACT_NEGATION, ""))) return false;
  // A negation cue with only frame words after it ("未出现基本合格", "未发现不合格"): not done.
  const cue = negationCue(head);
  if (cue && !ACT_NEGATIONS.some((w) => before.endsWith(w)) && onlyFrame(head.slice(cue.length))) return false;
  const neg = ACT_NEGATIONS.find((w) => before.endsWith(w));
  if (neg) {
    // 并非没有 / 不是没有 affirm; so does a denial of the not-doing ("不存在未亮明身份的情况", "未发现未公开").
    const rest = before.slice(0, before.length - neg.length);
    if (/(并非|不是|非)$/.test(rest)) return true;
    const outerHead = stripFrame(rest);
    const outer = negationCue(outerHead);
    return outer !== null && onlyFrame(outerHead.slice(outer.length));
  }
  // A negation elsewhere before the act ("未因…而亮明") is not read here.
  return NEGATION_CHARS.test(before.replace(NOT_ACT_NEGATION, "")) ? null : true;
}
