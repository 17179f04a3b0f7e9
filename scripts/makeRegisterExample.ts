/**
 * Builds examples/hunan-register.xlsx: examples/hunan-ledger.xlsx (unchanged, run makeExamples first) plus the
 * register's two sheets — 推荐名单 (2026 candidates, one per screening rule) and 报送情况 (第六条 half-year
 * reports, dates written as dates and as text, one late, some missing). Deterministic.
 *   npx tsx scripts/makeRegisterExample.ts
 */
import ExcelJS from "exceljs";
import path from "node:path";

const EX = path.join(__dirname, "..", "examples");
const CITIES = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西州"];
const POSTS = ["报建窗口党员服务示范岗", "质量监督科党员监督示范岗", "安全监督科党员监督示范岗"];
const unitOf = (city: string) => (city === "湘西州" ? "湘西自治州建设工程质量安全监督站" : `${city}市建设工程质量安全监督站`);

type Cand = [city: string, name: string, type: string, level: string, leader: string, advanced: string, model: string, why: string];

/** One candidate per rule of the screening (the 推荐理由 column says which). */
const CANDIDATES: Cand[] = [
  ["长沙", "行政审批窗口党员服务示范岗", "服务岗", "市州级", "周海燕", "是", "", "新推荐，条件齐全"],
  ["长沙", "质量安全巡查组党员监督示范岗", "监督岗", "市州级", "吴志强", "是", "否", "负责人不是上年度模范党员监督工程师"],
  ["株洲", "备案窗口党员服务示范岗", "服务岗", "市州级", "李丽华", "否", "", "负责人不是上年度先进个人"],
  ["湘潭", "报建窗口党员服务示范岗", "服务岗", "市州级", "王卫东", "是", "", "2025 年被撤销"],
  ["怀化", "质量监督科", "监督岗", "市州级", "刘国庆", "是", "是", "2024 年被撤销，2025 年不得参评"],
  ["张家界", "报建窗口 党员服务示范岗", "服务岗", "市州级", "陈晓明", "是", "", "示范期已满，重新参评"],
  ["常德", "押证窗口党员服务示范岗", "服务岗", "市州级", "杨红梅", "是", "", "同一市州两个服务岗"],
  ["常德", "办公室党员服务示范岗", "服务岗", "市州级", "黄立新", "是", "", "同一市州两个服务岗"],
  ["岳阳", "质量一科党员监督示范岗", "监督岗", "市州级", "赵伟", "是", "是", "同一市州三个监督岗"],
  ["岳阳", "质量二科党员监督示范岗", "监督岗", "市州级", "周敏", "是", "是", "同一市州三个监督岗"],
  ["岳阳", "安全一科党员监督示范岗", "监督岗", "市州级", "吴静", "是", "是", "同一市州三个监督岗"],
  ["衡阳", "安全二科党员监督示范岗", "监督岗", "市州级", "徐磊", "是", "", "未填模范党员监督工程师"],
  ["郴州", "报建窗口党员服务示范岗", "服务岗", "省级", "孙洋", "是", "", "现有市州级示范岗，推荐省级"],
  ["益阳", "安全监督科（党员监督示范岗）", "监督岗", "省级", "胡艳", "是", "是", "名称带括号，推荐省级"],
  ["邵阳", "质量监督科党员监督示范岗", "监督岗", "省级", "朱勇", "是", "是", "2025 年被撤销，推荐省级"],
  ["永州", "报建窗口党员服务示范岗", "服务岗", "省级", "高军", "是", "", "整改待复评，推荐省级"],
  ["益阳", "新建示范岗", "服务岗", "省级", "林杰", "是", "", "不是现有市州级示范岗"],
  ["湘西州", "质量监督科党员监督示范岗", "监督岗", "市州级", "何娟", "是", "是", "2025 年被撤销"],
];

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(EX, "hunan-ledger.xlsx"));

  const cand = wb.addWorksheet("推荐名单");
  cand.addRow(["2026 年度党员示范岗推荐名单"]).font = { bold: true, size: 14 };
  cand.mergeCells("A1:K1");
  cand.addRow(["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "推荐级别", "负责人", "负责人上年度先进个人", "负责人上年度模范党员监督工程师", "评选年度", "推荐理由"]).font = { bold: true };
  CANDIDATES.forEach(([city, name, type, level, leader, adv, model, why], i) => {
    cand.addRow([i + 1, city, unitOf(city), name, type, level, leader, adv, model || null, 2026, why]);
  });
  cand.columns.forEach((c, i) => (c.width = [6, 8, 28, 28, 8, 8, 8, 12, 14, 8, 30][i]));

  const rep = wb.addWorksheet("报送情况");
  rep.addRow(["党员示范岗半年先进事迹报送情况"]).font = { bold: true, size: 14 };
  rep.mergeCells("A1:G1");
  rep.addRow(["市州", "工作单位", "示范岗名称", "年度", "上半年报送日期", "下半年报送日期", "备注"]).font = { bold: true };
  let n = 0;
  for (const city of CITIES) {
    POSTS.forEach((post, j) => {
      n++;
      let h1: Date | string | null = n % 3 === 0 ? `2025/7/${10 + (n % 15)}` : new Date(Date.UTC(2025, 6, 5 + (n % 20)));
      let note: string | null = null;
      if (city === "长沙" && j === 2) h1 = null; // missing: overdue
      if (city === "株洲" && j === 0) {
        h1 = new Date(Date.UTC(2025, 7, 6)); // late
        note = "8月补报";
      }
      if (city === "郴州" && j === 1) h1 = "未报送";
      const h2 = CITIES.indexOf(city) % 2 === 0 ? new Date(Date.UTC(2026, 0, 5 + j)) : null;
      // One post written short (the key still finds it).
      const name = city === "株洲" && j === 1 ? "质量监督科" : post;
      rep.addRow([city, unitOf(city), name, 2025, h1, h2, note]);
    });
  }
  rep.addRow(["湘潭", unitOf("湘潭"), POSTS[1], 2024, new Date(Date.UTC(2024, 6, 12)), "2025年1月15日", null]);
  rep.addRow(["怀化", unitOf("怀化"), "质量监督科", 2024, new Date(Date.UTC(2024, 6, 20)), null, "2024年撤销"]);
  rep.addRow(["张家界", unitOf("张家界"), POSTS[0], 2024, new Date(Date.UTC(2024, 6, 18)), new Date(Date.UTC(2025, 0, 16)), null]);
  rep.addRow(["长沙", unitOf("长沙"), "综合科党员服务示范岗", 2025, new Date(Date.UTC(2025, 6, 9)), null, "名册中没有此岗"]);
  rep.getColumn(5).numFmt = "yyyy-mm-dd";
  rep.getColumn(6).numFmt = "yyyy-mm-dd";
  rep.columns.forEach((c, i) => (c.width = [8, 28, 28, 8, 14, 14, 14][i]));

  await wb.xlsx.writeFile(path.join(EX, "hunan-register.xlsx"));
  process.stdout.write(`wrote examples/hunan-register.xlsx: ${CANDIDATES.length} candidates, ${n + 4} report rows\n`);
}

void main();
