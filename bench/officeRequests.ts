/**
 * Office.js requests per score-and-write, over the strict Excel double (which measures each request as
 * the JSON Office.js would send): syncs, Excel.run calls, and the largest request and response, for ledgers
 * of the example's posts repeated to 10, 10,000 and 50,000 rows. Excel's own speed is not measured here.
 */
import { ExcelPort } from "../src/adapters/office/excelPort";
import { scoreWorkbook } from "../src/engine/scoreWorkbook";
import { hunan } from "../src/schemes/hunan";
import { schemePicker } from "../src/sheets/port";
import { fakeFromGrids, repeatedLedger, statusLabels } from "../test/adapters/portHarness";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  for (const rows of [10, 10_000, 50_000]) {
    const fake = fakeFromGrids(await repeatedLedger(rows));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    const readSyncs = fake.syncs;
    const scored = scoreWorkbook(read.grids, hunan);
    const report = await port.write(scored.writes);
    const writeBatches = fake.batches.slice(readSyncs);
    process.stdout.write(
      `${rows} rows: ${fake.runs} Excel.run, ${fake.syncs} syncs (read ${readSyncs}, write ${fake.syncs - readSyncs}); ` +
        `largest read response ${mb(Math.max(...fake.batches.slice(0, readSyncs).map((b) => b.responseBytes)))}; ` +
        `write requests ${writeBatches.map((b) => mb(b.requestBytes)).join(" + ")} (largest ${mb(Math.max(...writeBatches.map((b) => b.requestBytes)))}); ${report.cells} cells\n`,
    );
  }
}

void main();
