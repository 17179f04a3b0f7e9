/** Properties of the engine over generated ledgers (fast-check). */
import fc from "fast-check";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { gridOf, type Inputs } from "../helpers";

const yesNo = fc.constantFrom("是", "否", null, "√", "×");
const rate = fc.oneof(fc.integer({ min: 50, max: 100 }), fc.constantFrom(0.8, 0.9, "85%", "95%", null));
const count = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom("1次", null));

const rowArb = fc.record({
  postType: fc.constantFrom("服务岗", "监督岗"),
  level: fc.constantFrom("市州级", "省级"),
  year: fc.constantFrom(2024, 2025),
  round: fc.constantFrom("初评", "复评"),
  electedYear: fc.constantFrom(2023, 2024, 2025, null),
  q1: rate,
  q2: rate,
  noOpinion: count,
  noSchool: count,
  noIdentity: yesNo,
  noTenRules: yesNo,
  noPledge: count,
  noTargetMgmt: count,
  styleInactive: count,
  noStudy: yesNo,
  leaderAdvanced: fc.constantFrom("是", "是", "是", "否", null),
  normRate: rate,
  demoSites: count,
  noContactPoint: count,
  lastScore: fc.oneof(fc.integer({ min: 50, max: 100 }), fc.constant(null)),
});

/** Rows with unique (post, year, round), so that history order is fully determined. */
const ledgerArb = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 5 }), rowArb), { minLength: 1, maxLength: 25, selector: ([p, r]) => `${p}|${r.year}|${r.round}` })
  .map((rows) => rows.map(([p, r]): Inputs => ({ city: "长沙", unit: `单位${p % 2}`, name: `岗位${p}`, ...r })));

const score = (rows: Inputs[]) => scoreWorkbook([gridOf(rows)], hunan).result.sheets[0]!.rows;

test("score is within 0–100 and equals max(0, 100 − Σ deductions)", () => {
  fc.assert(
    fc.property(ledgerArb, (rows) => {
      for (const r of score(rows)) {
        if (r.status === "error") continue;
        const sum = r.deductions.reduce((s, d) => s + d.points, 0);
        expect(r.deductionTotal).toBe(sum);
        expect(r.score).toBe(Math.max(0, 100 - sum));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
      }
    }),
    { numRuns: 200 },
  );
});

test("status follows the order revoke → rectify → retain", () => {
  fc.assert(
    fc.property(ledgerArb, (rows) => {
      for (const r of score(rows)) {
        if (r.status === "error") continue;
        if (r.revocations.length) expect(r.status).toBe("revoke");
        else if (r.deductionTotal! > 0) expect(r.status).toBe("rectify");
        else expect(r.status).toBe("retain");
        if (r.score! < 70) expect(r.status).toBe("revoke");
      }
    }),
    { numRuns: 200 },
  );
});

test("shuffling the rows changes no row's result", () => {
  fc.assert(
    fc.property(ledgerArb, fc.infiniteStream(fc.nat()), (rows, stream) => {
      const keyed = rows.map((r, i) => ({ ...r, id: i }));
      const shuffled = [...keyed];
      const it = stream[Symbol.iterator]();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = it.next().value % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const strip = (rs: ReturnType<typeof score>, order: Inputs[]) => {
        const byId = new Map<unknown, unknown>();
        rs.forEach((r, i) =>
          byId.set(order[i]!["id"], {
            status: r.status,
            score: r.score,
            deductions: r.deductions.map((d) => [d.rule, d.points]),
            revocations: r.revocations.map((v) => v.rule),
            validThrough: r.validThrough,
          }),
        );
        return byId;
      };
      const withoutId = (xs: Inputs[]) => xs.map(({ id: _id, ...r }) => r);
      expect(strip(score(withoutId(shuffled)), shuffled)).toEqual(strip(score(withoutId(keyed)), keyed));
    }),
    { numRuns: 150 },
  );
});

test("rule order in the scheme is irrelevant", () => {
  const reversed = { ...hunan, rules: [...hunan.rules].reverse() };
  fc.assert(
    fc.property(ledgerArb, (rows) => {
      const a = scoreWorkbook([gridOf(rows)], hunan).result.sheets[0]!.rows;
      const b = scoreWorkbook([gridOf(rows)], reversed).result.sheets[0]!.rows;
      const view = (rs: typeof a) => rs.map((r) => [r.status, r.score, r.deductions.map((d) => d.rule).sort(), r.revocations.map((v) => v.rule).sort()]);
      expect(view(b)).toEqual(view(a));
    }),
    { numRuns: 100 },
  );
});

test("after a revocation the title is gone: no later row of the same title is 保持 or 整改", () => {
  fc.assert(
    fc.property(ledgerArb, (rows) => {
      const results = score(rows);
      const order = { 初评: 0, 复评: 1 } as const;
      const byPost = new Map<string, { year: number; round: 0 | 1; elected: number | null; status: string }[]>();
      rows.forEach((r, i) => {
        const list = byPost.get(String(r["name"])) ?? [];
        list.push({ year: r["year"] as number, round: order[r["round"] as "初评" | "复评"], elected: (r["electedYear"] as number | null) ?? null, status: results[i]!.status });
        byPost.set(String(r["name"]), list);
      });
      for (const list of byPost.values()) {
        list.sort((a, b) => a.year - b.year || a.round - b.round);
        let revokedIn: number | null = null;
        for (const a of list) {
          if (revokedIn !== null && a.elected !== null && a.elected > revokedIn) revokedIn = null; // a new title
          if (revokedIn !== null) expect(["revoke", "error"]).toContain(a.status);
          if (revokedIn === null && a.status === "revoke") revokedIn = a.year;
        }
      }
    }),
    { numRuns: 200 },
  );
});
