/**
 * Builds the report examples from examples/hunan-ledger.xlsx (run makeExamples first). Deterministic.
 *   examples/hunan-survey.xlsx            the ledger plus a 满意度调查 sheet (one row per response)
 *   examples/summaries/*.xlsx             four 市州 year summaries in four different layouts
 *   npx tsx scripts/makeReportExamples.ts
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { renderReports, XlsxWorkbook } from "../src/adapters/xlsx/xlsxWorkbook";
import { summaryLayout } from "../src/engine/reportLayouts";
import { scoreWorkbook } from "../src/engine/scoreWorkbook";
import { summarizeYear } from "../src/engine/yearSummary";
import { hunan } from "../src/schemes/hunan";

const EX = path.join(__dirname, "..", "examples");
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);

const CITIES = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西州"];
const POST = "报建窗口党员服务示范岗";
const QUARTER_FORMS = [(q: number) => `2025Q${q}`, (q: number) => `2025年第${"一二三四"[q - 1]}季度`, (q: number) => `2025年${q}季度`, (q: number) => `${"一二三四"[q - 1]}季度`];

/** Share of 满意/基本满意 per city and quarter (default ~95%); the stories match the ledger's. */
function plan(city: string, q: number): { n: number; positive: number } | null {
  if (city === "长沙" && q === 2) return { n: 40, positive: 34 }; // 85% → 扣10分
  if (city === "株洲" && q === 3) return { n: 25, positive: 20 }; // exactly 80% → 扣10分 (boundary default)
  if (city === "湘潭" && q === 4) return { n: 50, positive: 39 }; // 78% → 撤销
  if (city === "益阳" && q === 4) return null; // no survey this quarter → listed
  if (city === "永州" && q === 1) return { n: 12, positive: 12 }; // small sample → warning
  const n = 24 + Math.floor(rand() * 12);
  return { n, positive: n - Math.floor(rand() * 2) };
}

async function survey(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(EX, "hunan-ledger.xlsx"));
  const ws = wb.addWorksheet("满意度调查");
  ws.addRow(["2025年度党员服务示范岗服务对象满意度调查（问卷录入）"]).font = { bold: true, size: 14 };
  ws.addRow(["序号", "市州", "被评价岗位", "年度", "季度", "评价", "服务对象单位"]).font = { bold: true };
  [6, 8, 26, 8, 18, 10, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let no = 0;
  const add = (city: string, post: string, q: number, answer: string | number | null, form = 0) =>
    ws.addRow([++no, city, post, form === 3 ? 2025 : null, QUARTER_FORMS[form]!(q), answer, `${city}某建设单位${(no % 17) + 1}`]);
  CITIES.forEach((city, ci) => {
    for (let q = 1; q <= 4; q++) {
      const p = plan(city, q);
      if (!p) continue;
      const form = (ci + q) % 4;
      const scale = ci % 3; // 0: 3-level, 1: 5-level, 2: 1–5 score
      for (let i = 0; i < p.n; i++) {
        const positive = i < p.positive;
        const answer = scale === 0 ? (positive ? (i % 3 ? "满意" : "基本满意") : "不满意") : scale === 1 ? (positive ? (i % 2 ? "非常满意" : "满意") : i % 2 ? "一般" : "不满意") : positive ? (i % 2 ? 5 : 4) : 3;
        add(city, POST, q, answer, form);
      }
    }
  });
  // Blank and unreadable answers are counted apart; a post the ledger does not know; an unreadable quarter.
  add("长沙", POST, 1, null, 0);
  add("长沙", POST, 1, "还行", 0);
  for (let i = 0; i < 22; i++) add("长沙", "办公室党员服务示范岗", 1, "满意", 0);
  ws.addRow([++no, "衡阳", POST, 2025, "下半年", "满意"]);
  await wb.xlsx.writeFile(path.join(EX, "hunan-survey.xlsx"));
  process.stdout.write(`wrote examples/hunan-survey.xlsx: ${no} responses\n`);
}

async function summaries(): Promise<void> {
  const dir = path.join(EX, "summaries");
  await fs.mkdir(dir, { recursive: true });
  const ledger = await XlsxWorkbook.open(new Uint8Array(await fs.readFile(path.join(EX, "hunan-ledger.xlsx"))));
  const scored = scoreWorkbook(ledger.readSheets(), hunan);
  const all = summarizeYear(scored, hunan, { year: 2025 });

  // 1. 长沙: our own 年度汇总 layout, from the 长沙 rows of the example ledger.
  const cs = { ...all, rows: all.rows.filter((r) => r.city === "长沙") };
  const csSummary = { ...cs, byStatus: { retain: 0, rectify: 0, revoke: 0, error: 0 }, revoked: all.revoked.filter((r) => r.city === "长沙"), expiring: [], selection: [] };
  for (const r of cs.rows) csSummary.byStatus[r.status]++;
  await fs.writeFile(path.join(dir, "长沙市-2025年度汇总.xlsx"), await renderReports([summaryLayout(csSummary, hunan, new Date(Date.UTC(2025, 11, 25)), "长沙市考核台账.xlsx")]).toBytes());

  // 2. 株洲: another office's own layout — no 市州 column (the title names the city), other headers and order,
  //    two 服务岗 in one year (quota warning) and one post listed twice.
  {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.mergeCells("A1:H1");
    ws.getCell("A1").value = "株洲市2025年度党员示范岗考核结果汇总表";
    ws.addRow(["序号", "岗位名称", "单位名称", "类别", "级别", "示范岗负责人", "得分", "考核结果", "备注"]).font = { bold: true };
    const rows = [
      ["报建窗口党员服务示范岗", "株洲市建设工程质量安全监督站", "服务岗", "市州级", "李卫东", 90, "整改", "三季度满意度80%"],
      ["质量监督科党员监督示范岗", "株洲市建设工程质量安全监督站", "监督岗", "市州级", "王志强", 100, "撤销", "负责人未评为先进个人"],
      ["安全监督科党员监督示范岗", "株洲市建设工程质量安全监督站", "监督岗", "省级", "张海燕", 75, "整改", ""],
      ["押证窗口党员服务示范岗", "株洲市建设工程质量安全监督站", "服务岗", "市州级", "刘立新", 100, "保持", ""],
      ["安全监督科党员监督示范岗", "株洲市建设工程质量安全监督站", "监督岗", "省级", "张海燕", 75, "整改", "重复填报"],
    ];
    rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
    ws.addRow([]);
    ws.addRow(["填表人：株洲市质监站办公室"]);
    await wb.xlsx.writeFile(path.join(dir, "株洲市-2025年度汇总.xlsx"));
  }

  // 3. 湘潭: the scored ledger itself (score output of the 湘潭 rows), as some 市州 send it.
  {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("考核台账");
    const source = new ExcelJS.Workbook();
    await source.xlsx.load((await ledger.toBytes()) as never);
    const src = source.getWorksheet("考核台账")!;
    const header = (src.getRow(3).values as ExcelJS.CellValue[]).slice(1);
    ws.addRow(header);
    src.eachRow((row, r) => {
      if (r > 3 && row.getCell(2).value === "湘潭") ws.addRow((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (typeof v === "object" && v && "formula" in v ? null : v)));
    });
    // One 湘潭 post is 省级 and revoked: its title must go too.
    ws.eachRow((row, r) => {
      if (r > 1 && row.getCell(4).value === POST) row.getCell(6).value = "省级";
    });
    const book = await XlsxWorkbook.open(new Uint8Array(await wb.xlsx.writeBuffer()));
    const s = scoreWorkbook(book.readSheets(), hunan);
    book.write(s.writes);
    await fs.writeFile(path.join(dir, "湘潭市-2025年度考核台账（已评分）.xlsx"), await book.toBytes());
  }
  // 4. 郴州: another office's words — headers 示范岗 / 考核意见 / 考核得分, no 市州 column and a title without the
  //    city (the file name names it); "不予撤销" is 保持, "不合格" cannot be placed (待核实), and a 省级 "保持" at
  //    62 points contradicts the scheme (撤销: the 省级 title goes too).
  {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("考核情况");
    ws.mergeCells("A1:G1");
    ws.getCell("A1").value = "2025年度党员示范岗复查考核情况";
    ws.addRow(["序号", "示范岗", "单位", "类别", "级别", "考核得分", "考核意见"]).font = { bold: true };
    const rows = [
      ["报建窗口党员服务示范岗", "郴州市建设工程质量安全监督站", "服务岗", "市州级", 100, "不予撤销"],
      ["质量监督科党员监督示范岗", "郴州市建设工程质量安全监督站", "监督岗", "省级", 62, "保持"],
      ["安全监督科党员监督示范岗", "郴州市建设工程质量安全监督站", "监督岗", "市州级", 65, "不合格"],
    ];
    rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
    await wb.xlsx.writeFile(path.join(dir, "郴州市-2025年度考核情况.xlsx"));
  }
  process.stdout.write("wrote examples/summaries/: 4 files\n");
}

async function main(): Promise<void> {
  await survey();
  await summaries();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
