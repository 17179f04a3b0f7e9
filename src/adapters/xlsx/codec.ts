/**
 * The zip codec's seam, apart from the zip container so that a host can register its own codec without
 * loading fflate: the CLI registers Node's native zlib at start-up, and `--help` must not pay for fflate.
 */

/** One raw deflate stream fed chunk by chunk: `push` what comes, `finish` for the whole compressed stream. */
export type Deflater = { push(chunk: Uint8Array): void; finish(): Uint8Array[] };

/** Raw deflate/inflate; fflate's by default (browser), Node's zlib where the host provides it (see nodeZlib.ts). */
export type Codec = {
  deflate(data: Uint8Array): Uint8Array;
  /** A streaming deflate at the level used for large parts. */
  deflater(): Deflater;
  inflate(data: Uint8Array, size: number): Uint8Array;
  crc32(data: Uint8Array, prev?: number): number;
};

/** Parts at least this large are deflated at level 1 (fast, as Excel itself saves) and, when set as chunks, streamed. */
export const LARGE_PART = 4_000_000;

/** Byte arrays joined into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

let host: Codec | null = null;

/** Replaces the codec (the CLI uses Node's native zlib: several times faster on large sheets). */
export function useCodec(c: Codec): void {
  host = c;
}

/** The codec a host registered, if any (else the zip container uses fflate's). */
export function hostCodec(): Codec | null {
  return host;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data`, continuing from `prev` (the CRC of what came before it). */
export function crc32(data: Uint8Array, prev = 0): number {
  let c = (prev ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
