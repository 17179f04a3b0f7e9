/**
 * Node only: the zip codec over Node's native zlib (the CLI imports this once). The browser keeps fflate.
 */
import zlib, { deflateRawSync, inflateRawSync } from "node:zlib";
import { crc32 } from "./zip";
import { useCodec } from "./zip";

useCodec({
  deflate: (data) => deflateRawSync(data, { level: data.length > 4_000_000 ? 1 : 6 }),
  inflate: (data, size) => {
    const out = inflateRawSync(data);
    return out.length === size ? new Uint8Array(out.buffer, out.byteOffset, out.length) : new Uint8Array(out);
  },
  // zlib.crc32 is Node ≥ 20.15; older Node falls back to the table.
  crc32: (data) => ((zlib as { crc32?: (d: Uint8Array) => number }).crc32 ?? crc32)(data),
});
