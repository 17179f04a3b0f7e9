/**
 * 评选资格审查 (第五条, before the April selection): each candidate of a 推荐名单 checked against the rules and the
 * register — the leader titles of 评分表 item 9 (H9a/H9b applied before selection), the bar on a post revoked in
 * the previous selection year (第十一条 "不得参加下一次的评选"), the per-市州 quota by selection year (第五条,
 * "原则上": a quota beyond it needs confirming, it is not a bar), and 省级 recommendations only from current
 * 市州级 posts. Pure.
 */
import type { Candidate } from "../sheets/registerSheets";
import type { Register, RegisterPost } from "./register";
import { cityKey, postKey } from "./selection";

export type Verdict = "eligible" | "ineligible" | "confirm";
export const VERDICT_LABEL: Record<Verdict, string> = { eligible: "符合条件", ineligible: "不符合条件", confirm: "待确认" };

export type Finding = { verdict: Exclude<Verdict, "eligible">; clause: string; text: string };

export type Screened = {
  sheet: string;
  row: number;
  city: string;
  unit: string;
  name: string;
  postType: Candidate["postType"];
  level: Candidate["level"];
  leader: string;
  selectionYear: number;
  verdict: Verdict;
  findings: Finding[];
  /** The register's entry for the post, when it has one. */
  registerState: RegisterPost["state"] | null;
};

export type QuotaLine = { city: string; year: number; service: number; supervision: number; elected: string[]; message: string | null };

export type Screening = {
  asOf: string;
  candidates: Screened[];
  counts: Record<Verdict, number>;
  quota: QuotaLine[];
};

export const QUOTA = { service: { max: 1 }, supervision: { min: 1, max: 2 } } as const;

export function screenCandidates(candidates: readonly Candidate[], reg: Register, opts: { year?: number } = {}): Screening {
  const asOfYear = Number(reg.asOf.slice(0, 4));
  const byKey = new Map(reg.posts.map((p) => [p.key, p]));
  const out: Screened[] = candidates.map((c) => {
    const year = c.selectionYear ?? opts.year ?? asOfYear;
    const post = byKey.get(postKey(c)) ?? null;
    const findings: Finding[] = [];
    const no = (clause: string, text: string) => findings.push({ verdict: "ineligible", clause, text });
    const ask = (clause: string, text: string) => findings.push({ verdict: "confirm", clause, text });
    for (const p of c.problems) ask("—", p);
    if (!c.postType) ask("第二条", "岗位类别未填写或无法识别（服务岗/监督岗），无法核对负责人条件与名额");
    // 评分表 item 9 / 第四条（五带头·带头争创佳绩）: the leader's titles of the previous year.
    if (c.leaderAdvanced === false) no("第四条、评分表第9项（H9a）", `负责人须为上一年度（${year - 1} 年）监督机构先进个人`);
    else if (c.leaderAdvanced === null) ask("第四条、评分表第9项（H9a）", `未填写负责人是否为上一年度（${year - 1} 年）先进个人`);
    if (c.postType === "supervision") {
      if (c.leaderModel === false) no("第四条、评分表第9项（H9b）", `监督岗负责人须为上一年度（${year - 1} 年）模范党员监督工程师`);
      else if (c.leaderModel === null) ask("第四条、评分表第9项（H9b）", `未填写监督岗负责人是否为上一年度（${year - 1} 年）模范党员监督工程师`);
    }
    // 第十一条: a post revoked may not stand in the next selection.
    if (post?.revokedYear != null) {
      const r = post.revokedYear;
      if (r === year - 1) no("第十一条", `${r} 年已被撤销称号，不得参加下一次（${year} 年）评选`);
      else if (r >= year) ask("第十一条", `${r} 年已被撤销称号，请核实是否可参加 ${year} 年评选`);
    }
    if (c.level === "provincial") {
      // 第五条: 省级 from the 市州 recommendations, i.e. posts holding a current 市州级 title.
      if (!post) no("第五条", "推荐省级的应为现有市州级示范岗，名册中没有该示范岗");
      else if (post.level === "provincial") ask("第五条", "名册中该示范岗已是省级示范岗");
      else if (post.state === "revoked" || post.state === "expired" || (post.validThrough !== null && post.validThrough < year)) {
        no("第五条", `推荐省级的应为现有市州级示范岗，名册中该示范岗${post.state === "revoked" ? "已撤销" : `示范期至 ${post.validThrough ?? "?"} 年，已期满`}`);
      } else if (post.state === "rectify-pending") ask("第五条、第十一条", "该市州级示范岗整改待复评，请核实复评结果后再推荐");
    } else if (post && post.state !== "revoked" && post.state !== "expired" && post.validThrough !== null && post.validThrough >= year) {
      ask("第十条", `该示范岗仍在示范期内（至 ${post.validThrough} 年），请核实是否需要重新评选`);
    }
    const verdict: Verdict = findings.some((f) => f.verdict === "ineligible") ? "ineligible" : findings.length ? "confirm" : "eligible";
    return {
      sheet: c.sheet,
      row: c.row,
      city: c.city,
      unit: c.unit,
      name: c.name,
      postType: c.postType,
      level: c.level,
      leader: c.leader,
      selectionYear: year,
      verdict,
      findings,
      registerState: post?.state ?? null,
    };
  });

  // 第五条 quota, per 市州 per selection year, over the 市州级 candidates still standing plus the posts the register
  // already shows elected that year (the 当选年度 counts, as in the year summary's selection check).
  const groups = new Map<string, { city: string; year: number; service: Screened[]; supervision: Screened[]; elected: RegisterPost[] }>();
  const group = (city: string, year: number) => {
    const k = `${cityKey(city)}|${year}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { city: city || "（未填市州）", year, service: [], supervision: [], elected: [] }));
    return g;
  };
  for (const s of out) if (s.level !== "provincial" && s.postType && s.verdict !== "ineligible") group(s.city, s.selectionYear)[s.postType].push(s);
  const years = new Set(out.map((s) => s.selectionYear));
  for (const p of reg.posts) {
    if (p.electedYear === null || !years.has(p.electedYear) || p.level === "provincial" || !p.postType) continue;
    const key = `${cityKey(p.city)}|${p.electedYear}`;
    if (!groups.has(key)) continue;
    const g = groups.get(key)!;
    if ([...g.service, ...g.supervision].some((s) => postKey(s) === p.key)) continue;
    g.elected.push(p);
  }
  const quota: QuotaLine[] = [];
  for (const g of [...groups.values()].sort((a, b) => a.year - b.year || a.city.localeCompare(b.city, "zh"))) {
    const service = g.service.length + g.elected.filter((p) => p.postType === "service").length;
    const supervision = g.supervision.length + g.elected.filter((p) => p.postType === "supervision").length;
    const over: string[] = [];
    if (service > QUOTA.service.max) {
      over.push(`服务岗 ${service} 个（原则上 ${QUOTA.service.max} 个）`);
      for (const s of g.service) s.findings.push({ verdict: "confirm", clause: "第五条", text: `${g.city} ${g.year} 年服务岗共 ${service} 个，原则上每年 ${QUOTA.service.max} 个，请确认推荐顺序` });
    }
    if (supervision > QUOTA.supervision.max) {
      over.push(`监督岗 ${supervision} 个（原则上 ${QUOTA.supervision.min}–${QUOTA.supervision.max} 个）`);
      for (const s of g.supervision) s.findings.push({ verdict: "confirm", clause: "第五条", text: `${g.city} ${g.year} 年监督岗共 ${supervision} 个，原则上每年 ${QUOTA.supervision.min}–${QUOTA.supervision.max} 个，请确认推荐顺序` });
    }
    if (supervision < QUOTA.supervision.min) over.push(`监督岗 ${supervision} 个（原则上至少 ${QUOTA.supervision.min} 个）`);
    quota.push({
      city: g.city,
      year: g.year,
      service,
      supervision,
      elected: g.elected.map((p) => p.name),
      message: over.length ? `${g.city} ${g.year} 年：${over.join("；")}` : null,
    });
  }
  for (const s of out) if (s.verdict === "eligible" && s.findings.length) s.verdict = "confirm";
  const counts: Record<Verdict, number> = { eligible: 0, ineligible: 0, confirm: 0 };
  for (const s of out) counts[s.verdict]++;
  return { asOf: reg.asOf, candidates: out, counts, quota };
}
