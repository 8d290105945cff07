// A small, bounded reader of ZIP central directories: enough to tell a DOCX from an XLSX from a JAR
// from a plain archive, and to learn how much a ZIP would inflate to before a library unpacks it.
// Everything works on bytes already in memory; nothing here touches the file system.
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read here. */
  method: number;
  compressedSize: number;
  /** As declared by the archive (a hostile archive may lie; inflation is bounded anyway). */
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

export interface ZipListing {
  entries: ZipEntry[];
  /** Sum of the declared uncompressed sizes. */
  totalUncompressed: number;
  /** More entries than `maxEntries`: the listing stops there. */
  truncated: boolean;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const utf8 = new TextDecoder('utf-8');

/** True when the bytes start like a ZIP (a local file header, or the end record of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const sig = u32(bytes, 0);
  return sig === LOCAL || sig === EOCD || sig === 0x08074b50;
}

/**
 * Lists a ZIP's entries from its central directory. Returns `undefined` when the archive's directory
 * cannot be found or is damaged.
 */
export function listZip(bytes: Uint8Array, maxEntries = 50_000): ZipListing | undefined {
  const len = bytes.length;
  if (len < 22) return undefined;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== EOCD64_LOCATOR) return undefined;
    const at = u64(bytes, loc + 8);
    if (at + 56 > len || u32(bytes, at) !== EOCD64) return undefined;
    count = u64(bytes, at + 32);
    cdSize = u64(bytes, at + 40);
    cdOffset = u64(bytes, at + 48);
  }
  if (cdOffset + cdSize > len) return undefined;
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (entries.length >= maxEntries) return { entries, totalUncompressed: total, truncated: true };
    if (p + 46 > len || u32(bytes, p) !== CENTRAL) return undefined;
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > len) return undefined;
    const name = utf8.decode(bytes.subarray(p + 46, nameEnd));
    // ZIP64 sizes live in the extra field (id 0x0001), in this order, only for fields set to 0xFFFFFFFF.
    for (let e = nameEnd; e + 4 <= nameEnd + extraLen; ) {
      const id = u16(bytes, e);
      const size = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const end = e + 4 + size;
        if (uncompressedSize === 0xffffffff && q + 8 <= end) {
          uncompressedSize = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= end) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= end) localHeaderOffset = u64(bytes, q);
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset, encrypted: (flags & 1) === 1 });
    total += uncompressedSize;
    p = nameEnd + extraLen + commentLen;
  }
  return { entries, totalUncompressed: total, truncated: false };
}

/**
 * The content of one entry, inflated to at most `maxBytes`. Returns `undefined` when it cannot be read
 * (encrypted, unknown compression, damaged, or larger than `maxBytes`).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes = 4 * 1024 * 1024): Uint8Array | undefined {
  if (entry.encrypted || entry.uncompressedSize > maxBytes) return undefined;
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) return undefined;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return undefined;
  const data = bytes.subarray(start, end);
  try {
    if (entry.method === 0) return data;
    if (entry.method === 8) return new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }));
  } catch {
    return undefined;
  }
  return undefined;
}
