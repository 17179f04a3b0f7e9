/**
 * Excel on the web's 5 MB limit, per request and per response, over the strict double: a ledger written and
 * then read again, with its long Chinese result columns (撤销原因, 整改项, 扣分明细, 提示), at 10,000, 20,000
 * and 50,000 rows. Every request and every response stays under 5 MB, counted as Office.js sends them.
 */
import { ExcelPort } from "../../src/adapters/office/excelPort";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { schemePicker } from "../../src/sheets/port";
import { PAYLOAD_LIMIT } from "../doubles/fakeExcel";
import { fakeFromGrids, repeatedLedger, statusLabels } from "./portHarness";

test.each([10_000, 20_000, 50_000])(
  "%i rows: write, then read again — every request and response under 5 MB, and the results read back",
  async (rows) => {
    const fake = fakeFromGrids(await repeatedLedger(rows));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    const scored = scoreWorkbook(read.grids, hunan);
    await port.write(scored.writes);
    const writeEnd = fake.batches.length;
    const again = await port.read(schemePicker(hunan));
    const reread = fake.batches.slice(writeEnd);
    for (const b of fake.batches) {
      expect(b.refused).toBeUndefined();
      expect(b.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
      expect(b.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
    }
    // The results are long Chinese text: the re-read takes several responses of megabytes each.
    expect(reread.length).toBeGreaterThan(3);
    expect(Math.max(...reread.map((b) => b.responseBytes))).toBeGreaterThan(1024 * 1024);
    const revoke = scored.writes[0]!.columns.find((c) => c.header === "撤销原因")!;
    const last = again.grids.find((g) => g.name === "考核台账")!.values[scored.writes[0]!.firstRow - 2 + rows]!;
    expect(last[revoke.col - 1] ?? null).toBe(revoke.values[rows - 1] || null);
  },
  180_000,
);
