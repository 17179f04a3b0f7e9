/**
 * The zip container of an .xlsx, kept entry by entry: a part nobody changes is written back as its
 * original compressed bytes (same CRC, same method, same timestamp), so "unchanged" means byte-identical.
 * Parts are inflated only when asked for. Pure JS over fflate: runs in Node and in the browser.
 */
import { Deflate, deflateSync, inflateSync, unzipSync } from "fflate";
import { concatBytes, crc32, hostCodec, LARGE_PART, type Codec, type Deflater } from "./codec";

export { concatBytes, crc32, LARGE_PART, useCodec, type Codec, type Deflater } from "./codec";

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

type Entry = {
  name: string;
  /** The entry as found in the file: compressed bytes and what describes them. */
  raw?: { method: number; data: Uint8Array; crc: number; size: number; time: number; date: number; flags: number; version: number };
  /** Decompressed content, once set (or read, for small parts). */
  content?: Uint8Array;
  /** A large part set as chunks: deflated as they came, never held whole. */
  packed?: { data: Uint8Array[]; crc: number; size: number };
  changed: boolean;
};

const utf8 = new TextDecoder("utf-8");
const enc = new TextEncoder();

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** fflate's codec: the default, used wherever the host registered none (the browser). */
const fflateCodec: Codec = {
  // Large parts (a 50,000-row sheet is ~90 MB of XML) at a fast level, as Excel itself saves.
  deflate: (data) => deflateSync(data, { level: data.length > LARGE_PART ? 1 : 6 }),
  deflater: () => {
    const out: Uint8Array[] = [];
    const d = new Deflate({ level: 1 }, (data) => out.push(data));
    return {
      // fflate may keep a reference to what it is given until more comes: give it its own copy.
      push: (chunk) => d.push(chunk.slice()),
      finish: () => {
        d.push(new Uint8Array(0), true);
        return out;
      },
    };
  },
  inflate: (data, size) => inflateSync(data, { out: new Uint8Array(size) }),
  crc32: (data, prev) => crc32(data, prev),
};

const codec = (): Codec => hostCodec() ?? fflateCodec;

/** An entry as it is written: its name, compressed pieces and the fields both of its zip headers carry. */
type OutEntry = { name: Uint8Array; method: number; data: Uint8Array[]; csize: number; crc: number; size: number; time: number; date: number; flags: number; version: number; offset: number };

/**
 * The fields the local header (from byte 4) and the central directory entry (from byte 6) share, in the same
 * order: version needed, flags, method, time, date, CRC-32, sizes, name length.
 */
function putEntry(dv: DataView, at: number, o: OutEntry): void {
  dv.setUint16(at, o.version, true);
  dv.setUint16(at + 2, o.flags, true);
  dv.setUint16(at + 4, o.method, true);
  dv.setUint16(at + 6, o.time, true);
  dv.setUint16(at + 8, o.date, true);
  dv.setUint32(at + 10, o.crc, true);
  dv.setUint32(at + 14, o.csize, true);
  dv.setUint32(at + 18, o.size, true);
  dv.setUint16(at + 22, o.name.length, true);
}

export class ZipArchive {
  private entries: Entry[] = [];
  private byName = new Map<string, Entry>();

  static read(bytes: Uint8Array): ZipArchive {
    const zip = new ZipArchive();
    try {
      zip.readDirectory(bytes);
    } catch (e) {
      if (!(e instanceof ZipFormatError)) throw new ZipFormatError(e instanceof Error ? e.message : String(e));
      // A directory we cannot walk (zip64, damaged): let fflate try the whole file before giving up.
      let all: Record<string, Uint8Array>;
      try {
        all = unzipSync(bytes);
      } catch {
        throw e;
      }
      zip.entries = [];
      zip.byName.clear();
      for (const [name, content] of Object.entries(all)) zip.add({ name, content, changed: true });
    }
    return zip;
  }

  static empty(): ZipArchive {
    return new ZipArchive();
  }

  private add(e: Entry): void {
    this.entries.push(e);
    this.byName.set(e.name, e);
  }

  private readDirectory(b: Uint8Array): void {
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError("找不到 zip 目录");
    const count = u16(b, eocd + 10);
    let p = u32(b, eocd + 16);
    if (count === 0xffff || p === 0xffffffff) throw new ZipFormatError("zip64");
    for (let n = 0; n < count; n++) {
      if (u32(b, p) !== 0x02014b50) throw new ZipFormatError("zip 目录已损坏");
      const version = u16(b, p + 6);
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const time = u16(b, p + 12);
      const date = u16(b, p + 14);
      const crc = u32(b, p + 16);
      const csize = u32(b, p + 20);
      const size = u32(b, p + 24);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      const local = u32(b, p + 42);
      if (csize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new ZipFormatError("zip64");
      const name = utf8.decode(b.subarray(p + 46, p + 46 + nameLen));
      if (u32(b, local) !== 0x04034b50) throw new ZipFormatError("zip 条目已损坏");
      const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
      if (start + csize > b.length) throw new ZipFormatError("zip 条目不完整");
      if (method !== 0 && method !== 8) throw new ZipFormatError(`不支持的压缩方式 ${method}`);
      if (flags & 1) throw new ZipFormatError("zip 条目已加密");
      // Directory entries carry nothing an .xlsx needs; they are dropped like every zip library does.
      if (!name.endsWith("/")) this.add({ name, raw: { method, data: b.subarray(start, start + csize), crc, size, time, date, flags, version }, changed: false });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * Decompressed bytes of a part (undefined when absent). A large part is inflated anew on each call and not
   * kept: its reader keeps what it parsed, and the original compressed bytes are what is written back.
   */
  bytes(name: string): Uint8Array | undefined {
    const e = this.byName.get(name);
    if (!e) return undefined;
    if (e.content) return e.content;
    const raw = e.packed ? { method: 8, data: concatBytes(e.packed.data), crc: e.packed.crc, size: e.packed.size } : e.raw!;
    let data: Uint8Array;
    try {
      data = raw.method === 0 ? raw.data : codec().inflate(raw.data, raw.size);
    } catch {
      // zlib's and fflate's own words ("invalid literal/lengths set") say nothing to the user.
      throw new ZipFormatError(`“${name}”的压缩数据已损坏，无法解压`);
    }
    if (data.length !== raw.size || codec().crc32(data) !== raw.crc) throw new ZipFormatError(`“${name}”校验失败`);
    if (raw.size < LARGE_PART) e.content = data;
    return data;
  }

  text(name: string): string | undefined {
    const b = this.bytes(name);
    return b === undefined ? undefined : utf8.decode(b);
  }

  set(name: string, content: Uint8Array | string): void {
    const data = typeof content === "string" ? enc.encode(content) : content;
    const e = this.byName.get(name);
    if (e) {
      e.content = data;
      e.packed = undefined;
      e.changed = true;
    } else {
      this.add({ name, content: data, changed: true });
    }
  }

  /**
   * Sets a part from its bytes in chunks. A large part is deflated chunk by chunk as they come and only its
   * compressed bytes are kept; a small one is set whole, as {@link set} does.
   */
  setChunks(name: string, chunks: Iterable<Uint8Array>): void {
    const head: Uint8Array[] = [];
    let size = 0;
    let crc = 0;
    let deflater: Deflater | null = null;
    for (const chunk of chunks) {
      size += chunk.length;
      crc = codec().crc32(chunk, crc);
      if (deflater) {
        deflater.push(chunk);
        continue;
      }
      // Copies, in case the caller reuses its buffer (only the first few MB are held like this).
      head.push(chunk.slice());
      if (size > LARGE_PART) {
        deflater = codec().deflater();
        for (const h of head) deflater.push(h);
        head.length = 0;
      }
    }
    if (!deflater) {
      this.set(name, concatBytes(head));
      return;
    }
    const packed = { data: deflater.finish(), crc, size };
    const e = this.byName.get(name);
    if (e) {
      e.content = undefined;
      e.packed = packed;
      e.changed = true;
    } else this.add({ name, packed, changed: true });
  }

  delete(name: string): void {
    const e = this.byName.get(name);
    if (!e) return;
    this.byName.delete(name);
    this.entries = this.entries.filter((x) => x !== e);
  }

  /** Whether a part was added, replaced or removed since reading. */
  isChanged(name: string): boolean {
    return this.byName.get(name)?.changed ?? false;
  }

  /** The archive: unchanged entries as their original compressed bytes, changed ones deflated anew. */
  toBytes(): Uint8Array {
    const now = new Date();
    const dosTime = ((now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1)) & 0xffff;
    const dosDate = (((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate()) & 0xffff;
    const outs: OutEntry[] = [];
    let offset = 0;
    for (const e of this.entries) {
      const name = enc.encode(e.name);
      let o: OutEntry;
      if (!e.changed && e.raw) {
        // Bit 3 (sizes after the data) is cleared: the sizes go into the local header instead.
        o = { name, ...e.raw, data: [e.raw.data], csize: e.raw.data.length, flags: (e.raw.flags & ~0x8) | 0x800, offset };
      } else if (e.packed) {
        const csize = e.packed.data.reduce((n, d) => n + d.length, 0);
        o = { name, method: 8, data: e.packed.data, csize, crc: e.packed.crc, size: e.packed.size, time: dosTime, date: dosDate, flags: 0x800, version: 20, offset };
      } else {
        const content = e.content!;
        const deflated = content.length > 64 ? codec().deflate(content) : null;
        const stored = !deflated || deflated.length >= content.length;
        const data = stored ? content : deflated;
        o = { name, method: stored ? 0 : 8, data: [data], csize: data.length, crc: codec().crc32(content), size: content.length, time: dosTime, date: dosDate, flags: 0x800, version: 20, offset };
      }
      outs.push(o);
      offset += 30 + name.length + o.csize;
    }
    const dirSize = outs.reduce((n, o) => n + 46 + o.name.length, 0);
    const out = new Uint8Array(offset + dirSize + 22);
    const dv = new DataView(out.buffer);
    let p = 0;
    for (const o of outs) {
      dv.setUint32(p, 0x04034b50, true);
      putEntry(dv, p + 4, o);
      dv.setUint16(p + 28, 0, true);
      out.set(o.name, p + 30);
      let at = p + 30 + o.name.length;
      for (const d of o.data) {
        out.set(d, at);
        at += d.length;
      }
      p = at;
    }
    const dirStart = p;
    for (const o of outs) {
      dv.setUint32(p, 0x02014b50, true);
      dv.setUint16(p + 4, 20, true);
      putEntry(dv, p + 6, o);
      dv.setUint32(p + 42, o.offset, true);
      out.set(o.name, p + 46);
      p += 46 + o.name.length;
    }
    dv.setUint32(p, 0x06054b50, true);
    dv.setUint16(p + 8, outs.length, true);
    dv.setUint16(p + 10, outs.length, true);
    dv.setUint32(p + 12, p - dirStart, true);
    dv.setUint32(p + 16, dirStart, true);
    return out;
  }
}
