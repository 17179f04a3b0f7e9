/**
 * Node only: the zip codec over Node's native zlib (the CLI imports this once). The browser keeps fflate.
 */
import zlib, { constants, deflateRawSync, inflateRawSync } from "node:zlib";
import { crc32, LARGE_PART, useCodec } from "./codec";

// zlib.crc32 is Node ≥ 20.15; older Node falls back to the table.
const nativeCrc = (zlib as { crc32?: (d: Uint8Array, prev?: number) => number }).crc32;

useCodec({
  deflate: (data) => deflateRawSync(data, { level: data.length > LARGE_PART ? 1 : 6 }),
  // Each chunk is deflated on its own and ended with a sync flush (an empty stored block, not final): the
  // pieces joined are one valid raw deflate stream, which a final empty block closes. Synchronous and native.
  deflater: () => {
    const out: Uint8Array[] = [];
    return {
      push: (chunk) => {
        if (chunk.length) out.push(deflateRawSync(chunk, { level: 1, finishFlush: constants.Z_SYNC_FLUSH }));
      },
      finish: () => {
        out.push(deflateRawSync(new Uint8Array(0), { level: 1 }));
        return out;
      },
    };
  },
  inflate: (data, size) => {
    const out = inflateRawSync(data);
    return out.length === size ? new Uint8Array(out.buffer, out.byteOffset, out.length) : new Uint8Array(out);
  },
  crc32: (data, prev) => (nativeCrc ? nativeCrc(data, prev ?? 0) : crc32(data, prev)),
});
