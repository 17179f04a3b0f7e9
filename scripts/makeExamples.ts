/**
 * Builds examples/hunan-ledger.xlsx: a 市州-style ledger as offices keep it (title rows, header variants,
 * mixed value forms, a formula column, drop-downs, a 成员 sheet). Deterministic; rerun to regenerate.
 *   npx tsx scripts/makeExamples.ts
 */
import ExcelJS from "exceljs";
import path from "node:path";

const CITIES = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西州"];
const SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
const GIVEN = ["建国", "志强", "海燕", "丽华", "卫东", "湘云", "国庆", "晓明", "红梅", "立新", "伟", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟"];

let seed = 20251121;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const person = () => pick([...SURNAMES]) + pick(GIVEN);

type Row = Record<string, string | number | null>;

const HEADERS = [
  "序号", "市州", "工作单位", "党员示范岗（科室）名称", "岗位类别", "级别", "负责人", "考核年度", "考核轮次", "当选年度",
  "一季度满意度(%)", "二季度满意度(%)", "三季度满意度(%)", "四季度满意度(%)", "平均满意度",
  "未征求意见次数", "未联系农民工学校次数", "未亮明身份\n（是/否）", "未执行十不准制度", "廉政考核等次", "未公开承诺次数",
  "未公开服务事项", "未完成非公党建次数", "未实行目标管理次数", "作风建设不积极次数", "查实群众投诉", "未落实学习制度",
  "未联系薄弱县市区次数", "负责人为先进个人", "负责人为模范党员监督工程师", "超期押证或拒办", "违纪违法", "上次得分",
  "为民廉洁奉公扣分", "撤销情形", "备注",
];

function unitOf(city: string): string {
  return city === "湘西州" ? "湘西自治州建设工程质量安全监督站" : `${city}市建设工程质量安全监督站`;
}

function baseRow(city: string, kind: "service" | "supervision", name: string, level: string, year: number, elected: number): Row {
  const q = () => 0.9 + Math.round(rand() * 9) / 100; // 90%–99%
  return {
    市州: city,
    工作单位: unitOf(city),
    "党员示范岗（科室）名称": name,
    岗位类别: kind === "service" ? "服务岗" : "监督岗",
    级别: level,
    负责人: person(),
    考核年度: year,
    考核轮次: "初评",
    当选年度: elected,
    "一季度满意度(%)": kind === "service" ? q() : null,
    "二季度满意度(%)": kind === "service" ? q() : null,
    "三季度满意度(%)": kind === "service" ? q() : null,
    "四季度满意度(%)": kind === "service" ? q() : null,
    未征求意见次数: kind === "service" ? 0 : null,
    未联系农民工学校次数: kind === "supervision" ? 0 : null,
    "未亮明身份\n（是/否）": "否",
    未执行十不准制度: "否",
    廉政考核等次: "优秀",
    未公开承诺次数: 0,
    未公开服务事项: "否",
    未完成非公党建次数: 0,
    未实行目标管理次数: 0,
    作风建设不积极次数: 0,
    查实群众投诉: "否",
    未落实学习制度: "否",
    未联系薄弱县市区次数: 0,
    负责人为先进个人: "是",
    负责人为模范党员监督工程师: kind === "supervision" ? "是" : null,
    超期押证或拒办: "否",
  };
}

/** What makes each post's story; index = city index * 3 + post index. */
const STORIES: Record<number, (r: Row) => Row[]> = {
  // 长沙 service: one quarter in the −10 band, 1 missed commitment → 70, kept but must rectify; 复评 clean.
  0: (r) => [{ ...r, "二季度满意度(%)": "85%", 未公开承诺次数: "1次" }, { ...r, 考核轮次: "复评", "二季度满意度(%)": 0.93, 未公开承诺次数: 0 }],
  // 长沙 supervision (省级): revoked — 廉政考核 only 良好.
  1: (r) => [{ ...r, 级别: "省级", 廉政考核等次: "良好" }],
  // 株洲 service: exactly 80% in one quarter → −10 band (boundary default), rectify.
  3: (r) => [{ ...r, "三季度满意度(%)": 80 }],
  // 湘潭 service: a quarter below 80% → revoked.
  6: (r) => [{ ...r, "四季度满意度(%)": "78%" }],
  // 湘潭 supervision: 75 in 2024 and 70 in 2025 → two consecutive below 80 → revoked.
  7: (r) => [
    { ...r, 考核年度: 2024, 当选年度: 2024, 未联系农民工学校次数: 1, 未落实学习制度: "是" },
    { ...r, 当选年度: 2024, 未联系农民工学校次数: 1, 未公开服务事项: "是" },
  ],
  // 衡阳 service: unreadable satisfaction rate → 数据有误.
  9: (r) => [{ ...r, "一季度满意度(%)": "良好" }],
  // 衡阳 supervision: 2 missed migrant-school lessons → −20, rectify.
  10: (r) => [{ ...r, 未联系农民工学校次数: "2次" }],
  // 邵阳 service: identity not shown, ten-rules not run, 1 commitment missed → 20 → revoked (< 70).
  12: (r) => [{ ...r, "未亮明身份\n（是/否）": "是", 未执行十不准制度: "√", 未公开承诺次数: 1 }],
  // 邵阳 supervision: a verified mass complaint → revoked.
  13: (r) => [{ ...r, 查实群众投诉: "是" }],
  // 岳阳 service: 2024 score 75 via 上次得分, 2025 75 → revoked (two below 80 using the 上次得分 column).
  15: (r) => [{ ...r, 上次得分: 75, 未落实学习制度: "是", 未征求意见次数: 1 }],
  // 岳阳 supervision: count written as a fraction → 数据有误.
  16: (r) => [{ ...r, 未完成非公党建次数: 1.5 }],
  // 常德 service: reviewer deducted 30 for item 2 although the facts say nothing → warning, reviewer counts.
  18: (r) => [{ ...r, 为民廉洁奉公扣分: "扣30分" }],
  // 常德 supervision: 撤销情形 written by the reviewers.
  19: (r) => [{ ...r, 撤销情形: "负责人受到党内警告处分" }],
  // 张家界 service: elected 2023 (first year of a cycle starting 2023) → valid through 2024; 2025 is 期满.
  21: (r) => [{ ...r, 当选年度: 2023 }],
  // 张家界 supervision: post type missing → 数据有误.
  22: (r) => [{ ...r, 岗位类别: null }],
  // 益阳 service: blank quarter (warning 未开展季度测评), otherwise clean.
  24: (r) => [{ ...r, "四季度满意度(%)": null }],
  // 益阳 supervision: 2025 初评 75 → 复评 after rectification still 75 → revoked (two consecutive below 80).
  25: (r) => [
    { ...r, 作风建设不积极次数: 1, 未落实学习制度: "是", 备注: "初评后提交整改报告" },
    { ...r, 考核轮次: "复评", 作风建设不积极次数: 1, 未落实学习制度: "是" },
  ],
  // 郴州 supervision (省级): 3 missed contacts with weak counties → −30 → 70, rectify.
  28: (r) => [{ ...r, 级别: "省级", 未联系薄弱县市区次数: 3 }],
  // 永州 service: full-width rate, 1 opinion round missed → −10, rectify.
  30: (r) => [{ ...r, "一季度满意度(%)": "９５％", 未征求意见次数: "1" }],
  // 怀化 service: reviewer column agrees with the facts (−30 for identity not shown).
  33: (r) => [{ ...r, "未亮明身份\n（是/否）": "是", 为民廉洁奉公扣分: -30 }],
  // 娄底 service: elected again in 2025 after being revoked in 2024 (warning).
  36: (r) => [
    { ...r, 考核年度: 2024, 当选年度: 2023, 负责人为先进个人: "否" },
    { ...r, 当选年度: 2025 },
  ],
  // 湘西州 supervision: leader not 模范党员监督工程师 → revoked.
  40: (r) => [{ ...r, 负责人为模范党员监督工程师: "×" }],

  // Free-text facts, as offices write them (item 1): sentences that deny are read as 否 and shown in 提示.
  2: (r) => [{ ...r, 违纪违法: "经查，全年无违纪违法问题" }],
  39: (r) => [{ ...r, 违纪违法: "未发现" }],
  // 撤销情形 "无此情形" / "暂无" say there is none: no revocation.
  8: (r) => [{ ...r, 撤销情形: "无此情形" }],
  14: (r) => [{ ...r, 撤销情形: "暂无" }],
  // "待查" is no answer yet: 数据有误, naming the cell and what to write — never a revocation.
  31: (r) => [{ ...r, 违纪违法: "待查" }],
  // A sentence stating a case revokes, the text being the reason.
  32: (r) => [{ ...r, 违纪违法: "2025年5月因酒驾被行政拘留" }],

  // A post's life (item 2). 株洲 quality: revoked at 初评 (leader not 先进个人); the 复评 the same year does
  // not restore the title (carried 撤销).
  4: (r) => [{ ...r, 负责人为先进个人: "否" }, { ...r, 考核轮次: "复评" }],
  // 怀化 quality: revoked in 2024 (elected 2024); its 2025 row, written without the 党员监督示范岗 suffix,
  // is the same title (same 当选年度): carried 撤销.
  34: (r) => [
    { ...r, 考核年度: 2024, 当选年度: 2024, 负责人为模范党员监督工程师: "否" },
    { ...r, "党员示范岗（科室）名称": "质量监督科", 当选年度: 2024 },
  ],
  // 郴州 service: a 复评 after a clean 初评 (nothing to rectify): a warning.
  27: (r) => [r, { ...r, 考核轮次: "复评" }],
};

/** Members of some supervision posts (成员 sheet), each member one occurrence of the member rules. */
type Member = { post: number; name: string; role: string; paper: string; grade: string; norm: number | string; quality?: number; excellent?: number; coverage?: number; once?: number; sites?: number; contact: string; pledge: string };
const MEMBERS: Member[] = [
  { post: 2, name: "", role: "质量", paper: "是", grade: "优秀", norm: 1, quality: 1, excellent: 1, contact: "是", pledge: "是" },
  { post: 2, name: "", role: "安全", paper: "是", grade: "合格", norm: 1, coverage: 1, once: 0.8, sites: 2, contact: "是", pledge: "是" },
  // 株洲 2nd supervision post: one member without a paper (−5), one at 95% norm rate (−20) → 75, rectify.
  { post: 5, name: "", role: "质量", paper: "否", grade: "优秀", norm: 1, quality: 1, excellent: 2, contact: "是", pledge: "是" },
  { post: 5, name: "", role: "安全", paper: "是", grade: "优秀", norm: "95%", coverage: 1, once: 0.75, sites: 3, contact: "是", pledge: "是" },
  // 衡阳 2nd supervision post: a member rated 基本合格 → revoked.
  { post: 11, name: "", role: "质量安全", paper: "是", grade: "基本合格", norm: 1, quality: 1, excellent: 1, coverage: 1, once: 0.6, sites: 2, contact: "是", pledge: "是" },
  // 岳阳 2nd supervision post: no 优质工程 (−20), no contact point (−20) → 60 → revoked.
  { post: 17, name: "", role: "质量", paper: "是", grade: "优秀", norm: 1, quality: 1, excellent: 0, contact: "否", pledge: "是" },
  // 常德 2nd supervision post: safety member at exactly 60% 一次性验收合格率 (passes by default), 1 demo site (−20).
  { post: 20, name: "", role: "安全", paper: "是", grade: "合格", norm: 1, coverage: 1, once: 0.6, sites: 1, contact: "是", pledge: "是" },
];

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "湖南省建设工程质量安全监督管理总站";
  const ws = wb.addWorksheet("考核台账", { views: [{ state: "frozen", ySplit: 3, xSplit: 4 }] });
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.getCell(1, 1).value = "湖南省建设工程质量安全监督系统党员示范岗考核台账（2025年度）";
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, HEADERS.length);
  ws.getCell(2, 1).value = "填报单位：省总站办公室　　填报日期：2025年12月20日　　单位：满意度为百分比，次数为次";
  const header = ws.getRow(3);
  HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { wrapText: true, horizontal: "center", vertical: "middle" };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
    ws.getColumn(i + 1).width = i < 4 ? [6, 8, 30, 26][i]! : 11;
  });
  header.height = 42;

  const rows: Row[] = [];
  const postNames: string[] = [];
  CITIES.forEach((city, ci) => {
    const posts: ["service" | "supervision", string][] = [
      ["service", "报建窗口党员服务示范岗"],
      ["supervision", "质量监督科党员监督示范岗"],
      ["supervision", "安全监督科党员监督示范岗"],
    ];
    posts.forEach(([kind, name], pi) => {
      const idx = ci * 3 + pi;
      postNames[idx] = name;
      const level = idx % 7 === 1 ? "省级" : "市州级";
      const base = baseRow(city, kind, name, level, 2025, 2025);
      rows.push(...(STORIES[idx] ?? ((r: Row) => [r]))(base));
    });
  });
  // history rows first, as a ledger kept over the years would have them
  rows.sort((a, b) => Number(a["考核年度"]) - Number(b["考核年度"]));

  rows.forEach((r, i) => {
    const rowNo = 4 + i;
    const row = ws.getRow(rowNo);
    row.getCell(1).value = i + 1;
    HEADERS.forEach((h, c) => {
      if (h === "序号") return;
      if (h === "平均满意度") {
        const col = (k: number) => ws.getColumn(k).letter;
        row.getCell(c + 1).value = { formula: `IFERROR(AVERAGE(${col(11)}${rowNo}:${col(14)}${rowNo}),"")`, result: undefined };
        row.getCell(c + 1).numFmt = "0.0%";
        return;
      }
      const v = r[h];
      if (v !== undefined && v !== null) row.getCell(c + 1).value = v;
      if (h.includes("满意度") && typeof v === "number" && v <= 1) row.getCell(c + 1).numFmt = "0%";
    });
    row.eachCell({ includeEmpty: false }, (cell) => {
      cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
    });
  });
  const last = 3 + rows.length;
  const dv = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  dv.add(`E4:E${last + 50}`, { type: "list", allowBlank: true, formulae: ['"服务岗,监督岗"'] });
  dv.add(`F4:F${last + 50}`, { type: "list", allowBlank: true, formulae: ['"市州级,省级"'] });
  dv.add(`I4:I${last + 50}`, { type: "list", allowBlank: true, formulae: ['"初评,复评"'] });
  const note = ws.getRow(last + 2);
  note.getCell(1).value = "注：满意度按季度测评结果填写；次数为本年度累计；“上次得分”仅在台账中没有上一次考核记录时填写。";
  ws.mergeCells(last + 2, 1, last + 2, 12);

  const ms = wb.addWorksheet("成员");
  const MH = ["市州", "示范岗名称", "姓名", "监督方向", "发表论文", "年度考核等次", "监督规范化考核合格率", "工程质量一次验收合格率", "省市级优质工程数", "标准化达标验收覆盖率", "安全一次性验收合格率", "安全标准化示范工地数", "建立联系点", "廉洁自律承诺"];
  ms.addRow(MH).font = { bold: true };
  MH.forEach((_, i) => (ms.getColumn(i + 1).width = i === 1 ? 26 : 12));
  for (const m of MEMBERS) {
    const city = CITIES[Math.floor(m.post / 3)]!;
    const r = ms.addRow([city, postNames[m.post], m.name || person(), m.role, m.paper, m.grade, m.norm, m.quality ?? null, m.excellent ?? null, m.coverage ?? null, m.once ?? null, m.sites ?? null, m.contact, m.pledge]);
    for (const k of [7, 8, 10, 11]) if (typeof r.getCell(k).value === "number") r.getCell(k).numFmt = "0%";
  }

  const out = path.join(__dirname, "..", "examples", "hunan-ledger.xlsx");
  await wb.xlsx.writeFile(out);
  process.stdout.write(`wrote ${out}: ${rows.length} assessment rows, ${MEMBERS.length} members\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
