/**
 * Office.js requests per score, write and re-read, over the strict Excel double (which weighs each request
 * and response as Office.js sends them: JSON with non-ASCII escaped, so the long Chinese result columns weigh
 * 6 bytes a character): syncs, Excel.run calls, and the largest request and response, for ledgers of the
 * example's posts repeated to 10, 10,000, 20,000 and 50,000 rows. Excel's own speed is not measured here.
 */
import { ExcelPort } from "../src/adapters/office/excelPort";
import { scoreWorkbook } from "../src/engine/scoreWorkbook";
import { hunan } from "../src/schemes/hunan";
import { schemePicker } from "../src/sheets/port";
import type { Batch } from "../test/doubles/fakeExcel";
import { fakeFromGrids, repeatedLedger, statusLabels } from "../test/adapters/portHarness";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const largest = (bs: Batch[], k: "requestBytes" | "responseBytes") => mb(Math.max(0, ...bs.map((b) => b[k])));

async function main(): Promise<void> {
  for (const rows of [10, 10_000, 20_000, 50_000]) {
    const fake = fakeFromGrids(await repeatedLedger(rows));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    const r = fake.batches.length;
    const report = await port.write(scoreWorkbook(read.grids, hunan).writes);
    const w = fake.batches.length;
    await port.read(schemePicker(hunan));
    const [reads, writes, rereads] = [fake.batches.slice(0, r), fake.batches.slice(r, w), fake.batches.slice(w)];
    const all = fake.batches;
    process.stdout.write(
      `${rows} rows: ${fake.runs} Excel.run, ${all.length} syncs (read ${reads.length}, write ${writes.length}, re-read ${rereads.length}); ` +
        `read: largest response ${largest(reads, "responseBytes")}; write: largest request ${largest(writes, "requestBytes")}; ` +
        `re-read after the write: largest response ${largest(rereads, "responseBytes")}; ` +
        `overall largest request ${largest(all, "requestBytes")}, response ${largest(all, "responseBytes")}; ${report.cells} cells written\n`,
    );
  }
}

void main();
