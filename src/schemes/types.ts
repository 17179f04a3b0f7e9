/**
 * The shape of a scheme table. A scheme is data: fields (the headers it reads), thresholds and settings
 * (every boundary the source text leaves open), and rules (评分表 item, input, condition, effect,
 * applicability). The engine interprets it; adding a boundary or a rule is a data change.
 */

export type FieldKind =
  | "text"
  | "postType"
  | "level"
  | "year"
  | "round"
  | "rate"
  | "count"
  | "yesNo"
  | "yesNoOrText"
  | "grade"
  | "score"
  | "review"
  | "memberRole"
  | "points";

export type FieldDef = {
  id: string;
  /** Canonical header, as the template writes it. */
  header: string;
  synonyms?: readonly string[];
  kind: FieldKind;
  /** For kind "grade": canonical value → accepted spellings. */
  grades?: ReadonlyArray<readonly [string, readonly string[]]>;
  /** For kind "grade": a cell containing a spelling also matches ("区局级文明单位" → 区局级); first entry wins. */
  contains?: boolean;
  /** For kind "grade": what the error message says was expected (default: the canonical values). */
  expected?: string;
  /** For kind "review": the 评分表 item the column holds the reviewers' deduction for. */
  item?: number;
  /** Template hint shown in the header's comment / drop-down. */
  hint?: string;
  /**
   * For kind "yesNo" whose header states an act ("未亮明身份", "建立联系点"): see {@link Statement}. A sentence
   * that speaks of the act is read by it (in 未亮明身份, "没有亮明身份" is 是 and "已亮明身份" is 否).
   */
  statement?: Statement;
  /** For kind "yesNoOrText": any text that neither denies nor awaits a conclusion states the case (撤销情形). */
  anyText?: boolean;
};

/** The act a yes/no header states: its verbs (or defining words), and whether the header is their negation (未…). */
export type Statement = { verbs: readonly string[]; negated: boolean };

export type SheetDef = {
  id: string;
  /** Canonical sheet name used by the template. */
  name: string;
  fields: readonly FieldDef[];
  /** Field ids that must all be present for a sheet to be recognised as this kind. */
  required: readonly string[];
  /** Field ids that, if present, mean a sheet is NOT this kind (e.g. 姓名 on a ledger). */
  excludes?: readonly string[];
  /** At least one of these field ids must also be present (e.g. any criterion column of a 示范点 sheet). */
  anyOf?: readonly string[];
};

/**
 * A comparison boundary: a value is "below" when it is < value, or == value and equalIsBelow.
 * The equalIsBelow switch is how each open boundary of the source text is made a setting.
 */
export type Threshold = { value: number; equalIsBelow: boolean; unit: "%" | "项" };

export type Condition =
  | { op: "count"; field: string }
  | { op: "yes"; field: string }
  | { op: "no"; field: string }
  | { op: "below"; field: string; threshold: string }
  | { op: "between"; field: string; from: string; to: string }
  | { op: "gradeIn"; field: string; grades: readonly string[] }
  | { op: "anyOf"; of: readonly Condition[] };

export type Effect = { kind: "deduct"; points: number; per: "occurrence" | "once" } | { kind: "revoke" };

export type Applies = "service" | "supervision" | "all";

export type RuleDef = {
  id: string;
  /** 评分表 item number (1–12). */
  item: number;
  /** What is observed, in Chinese; {name} is replaced by a threshold's display value. */
  text: string;
  effect: Effect;
  applies: Applies;
  /** Condition over the ledger row's fields. */
  post?: Condition;
  /** Condition over each member's fields (member-level rules), one occurrence per member. */
  member?: Condition;
  /** Member direction the member condition is limited to. */
  memberRole?: "quality" | "safety";
  /** What must be rectified, for deduction rules. */
  rectify?: string;
  /** Blank cells of the post condition's fields are a missing observation handled by this setting. */
  missing?: "missingQuarter";
};

export type OutputDef = {
  id: string;
  header: string;
  synonyms?: readonly string[];
  /** Column width (characters) when the column is created; multi-line columns are wider. */
  width?: number;
};

export type HunanSettings = {
  /** A year the province named as the first year of a two-year cycle. */
  cycleStartYear: number;
  /** A blank quarterly satisfaction rate of a 服务岗: a warning (default) or −points like H1a. */
  missingQuarter: "warn" | "deduct";
  /** Score strictly below this revokes (第十一条: 70 is kept). */
  revokeBelowScore: number;
  /** Two consecutive scores strictly below this revoke. */
  twiceBelowScore: number;
  thresholds: Record<string, Threshold>;
  /** Quarterly survey: fewer valid answers than this for a post and quarter is a warning. */
  minSample: number;
  /** Quarterly survey: answer label → weight (1 positive, 0 not); a rate is the weighted share of valid answers. */
  answerWeights: Record<string, number>;
  /** Provincial consolidation: the 市州 expected to report (湖南's 14). */
  provinceCities: string[];
};

export type ItemDef = { item: number; name: string };

export type Scheme = {
  id: string;
  title: string;
  items: readonly ItemDef[];
  ledger: SheetDef;
  member: SheetDef;
  outputs: readonly OutputDef[];
  rules: readonly RuleDef[];
  defaults: HunanSettings;
  consequences: { always: readonly string[]; provincial: string };
  labels: Record<"retain" | "rectify" | "revoke" | "error", string>;
};

/* ---------------------------------------------------------------------------------------------------
 * Additive schemes (上海 "治水管海先锋"): criteria with points, gates, a pass mark and a creation plan.
 * ------------------------------------------------------------------------------------------------- */

export type SchemeId = "hunan" | "shanghai";

/** 示范党组织, 示范服务点, 党员示范岗. */
export type UnitKind = "org" | "point" | "post";
/** 安质监 (supervision line, the default) or 协会会员 (association member, 附件 2's industry standard). */
export type Line = "supervision" | "association";
export type Tier = "first" | "top";

export type CriterionDef = {
  /** Stable id (S-org-b1 …), cited in outputs. */
  id: string;
  kind: UnitKind;
  part: "basic" | "industry";
  /** Basic criteria apply to both lines; industry criteria to one. */
  line: Line | "all";
  name: string;
  /** The sheet field holding the reviewers' points or grade. */
  field: string;
};

/** A gate condition over the row's fields, evaluated three-valued: pass, fail, or unknown (a blank input). */
export type GateCondition =
  | { op: "yes"; field: string }
  | { op: "no"; field: string }
  | { op: "gradeIn"; field: string; grades: readonly string[] }
  | { op: "atLeast"; field: string; value: number }
  | { op: "allOf"; of: readonly GateCondition[] }
  | { op: "anyOf"; of: readonly GateCondition[] };

export type GateDef = {
  id: string;
  kinds: readonly UnitKind[];
  line: Line | "all";
  /** What must hold, in Chinese (named in 不符合条件原因 and 待核实项). */
  text: string;
  pass: GateCondition;
};

export type ShanghaiSettings = {
  /** 达标 when the total is at least this (the text sets none). */
  passMark: number;
  /** Points of each criterion by part; the parts must add up to 50 + 50 for every kind and line. */
  points: { basic: number; industry: number };
  /** Per-criterion points overriding `points` (criterion id → points). */
  criterionPoints: Record<string, number>;
  /** Grade → share of the criterion's points (优 100%, 良 80%, 中 60%, 差 0%; A/B/C/D alike). */
  gradeShares: Record<string, number>;
  /** A blank criterion cell: the unit is 待核实 (default) or the criterion scores 0. */
  blankCriterion: "unverified" | "zero";
  /** 附件 1: per tier, year → units to 认定 that year (the same for each kind). */
  plan: Record<Tier, Record<string, number>>;
  /** A 治水管海先锋 unit also counts for the first tier (it is chosen from it). */
  topCountsAsFirst: boolean;
};

export type AdditiveScheme = {
  id: "shanghai";
  title: string;
  sheet: SheetDef;
  outputs: readonly OutputDef[];
  criteria: readonly CriterionDef[];
  gates: readonly GateDef[];
  kinds: Record<UnitKind, string>;
  tiers: Record<Tier, string>;
  defaults: ShanghaiSettings;
  labels: Record<"qualified" | "below" | "ineligible" | "unverified" | "revoke" | "error", string>;
};
