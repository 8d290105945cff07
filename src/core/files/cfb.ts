// A small, bounded reader of Microsoft Compound File Binary (OLE2) containers, the format of legacy
// .doc/.xls files (and .msi, .ppt, password-protected Office files). It lists the directory and reads
// the beginning of a stream: enough to decide what the container holds, never the whole document.

export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export interface CfbEntry {
  name: string;
  type: 'storage' | 'stream' | 'root';
  startSector: number;
  size: number;
}

export interface CfbContainer {
  entries: CfbEntry[];
  /** CLSID of the root storage, as the usual text form (upper case, no braces). */
  rootClsid: string;
  has(name: string): boolean;
  /** The first `maxBytes` of the named stream, or `undefined` when it is missing or unreadable. */
  readStream(name: string, maxBytes: number): Uint8Array | undefined;
}

const ENDOFCHAIN = 0xfffffffe;
const MAXREGSECT = 0xfffffffa;

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_SIGNATURE.every((b, i) => bytes[i] === b);
}

function clsidText(b: Uint8Array): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...b.subarray(from, to)];
    if (reverse) part.reverse();
    return part.map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`.toUpperCase();
}

/** Parses the container's header and directory. Returns `undefined` when it is damaged. */
export function readCfb(bytes: Uint8Array): CfbContainer | undefined {
  if (!isCfb(bytes) || bytes.length < 512) return undefined;
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const miniShift = u16(bytes, 0x20);
  if (miniShift !== 6) return undefined;
  const numFat = u32(bytes, 0x2c);
  const firstDir = u32(bytes, 0x30);
  const miniCutoff = u32(bytes, 0x38);
  const firstMiniFat = u32(bytes, 0x3c);
  const firstDifat = u32(bytes, 0x44);
  const numDifat = u32(bytes, 0x48);
  const sectorCount = Math.ceil(bytes.length / sectorSize) - 1;
  const offsetOf = (s: number) => (s + 1) * sectorSize;
  const validSector = (s: number) => s < MAXREGSECT && s < sectorCount;

  // Where the FAT lives: 109 entries in the header, then the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(bytes, 0x4c + i * 4));
  let difat = firstDifat;
  const seenDifat = new Set<number>();
  for (let n = 0; n < numDifat && validSector(difat) && fatSectors.length < numFat; n++) {
    if (seenDifat.has(difat)) return undefined;
    seenDifat.add(difat);
    const base = offsetOf(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < numFat; i++) fatSectors.push(u32(bytes, base + i * 4));
    difat = u32(bytes, base + (perSector - 1) * 4);
  }
  const fatNext = (s: number): number | undefined => {
    const fs = fatSectors[Math.floor(s / perSector)];
    if (fs === undefined || !validSector(fs)) return undefined;
    const at = offsetOf(fs) + (s % perSector) * 4;
    return at + 4 <= bytes.length ? u32(bytes, at) : undefined;
  };
  /** The sectors of a chain, stopping after `limit` of them; `undefined` on a broken or looping chain. */
  const chain = (start: number, limit: number, next: (s: number) => number | undefined, valid: (s: number) => boolean): number[] | undefined => {
    const out: number[] = [];
    const seen = new Set<number>();
    let s = start;
    while (s !== ENDOFCHAIN && out.length < limit) {
      if (!valid(s) || seen.has(s)) return undefined;
      seen.add(s);
      out.push(s);
      const n = next(s);
      if (n === undefined) return undefined;
      s = n;
    }
    return out;
  };

  const dirSectors = chain(firstDir, sectorCount, fatNext, validSector);
  if (!dirSectors?.length) return undefined;
  const entries: CfbEntry[] = [];
  let rootClsid = '';
  for (const s of dirSectors) {
    for (let e = offsetOf(s); e + 128 <= offsetOf(s) + sectorSize && e + 128 <= bytes.length; e += 128) {
      const type = bytes[e + 66];
      if (type !== 1 && type !== 2 && type !== 5) continue;
      const nameLen = Math.min(64, u16(bytes, e + 64));
      let name = '';
      for (let i = 0; i < nameLen - 2; i += 2) name += String.fromCharCode(u16(bytes, e + i));
      if (type === 5) rootClsid = clsidText(bytes.subarray(e + 80, e + 96));
      entries.push({ name, type: type === 5 ? 'root' : type === 1 ? 'storage' : 'stream', startSector: u32(bytes, e + 116), size: u32(bytes, e + 120) });
    }
  }
  const root = entries.find((e) => e.type === 'root');
  if (!root) return undefined;

  const readStream = (name: string, maxBytes: number): Uint8Array | undefined => {
    const entry = entries.find((e) => e.type === 'stream' && e.name === name);
    if (!entry) return undefined;
    const want = Math.min(entry.size, maxBytes);
    const out = new Uint8Array(want);
    let filled = 0;
    if (entry.size >= miniCutoff) {
      const sectors = chain(entry.startSector, Math.ceil(want / sectorSize), fatNext, validSector);
      if (!sectors) return undefined;
      for (const s of sectors) {
        const part = bytes.subarray(offsetOf(s), Math.min(offsetOf(s) + sectorSize, bytes.length)).subarray(0, want - filled);
        out.set(part, filled);
        filled += part.length;
      }
    } else {
      // Small streams live in 64-byte mini sectors inside the root entry's stream.
      const miniSize = 1 << miniShift;
      const container = chain(root.startSector, Math.ceil(root.size / sectorSize), fatNext, validSector);
      const miniFat = chain(firstMiniFat, sectorCount, fatNext, validSector);
      if (!container || !miniFat) return undefined;
      const miniNext = (m: number): number | undefined => {
        const fs = miniFat[Math.floor(m / perSector)];
        if (fs === undefined) return undefined;
        return u32(bytes, offsetOf(fs) + (m % perSector) * 4);
      };
      const minis = chain(entry.startSector, Math.ceil(want / miniSize), miniNext, (m) => m < MAXREGSECT && Math.floor((m * miniSize) / sectorSize) < container.length);
      if (!minis) return undefined;
      for (const m of minis) {
        const at = offsetOf(container[Math.floor((m * miniSize) / sectorSize)]!) + ((m * miniSize) % sectorSize);
        const part = bytes.subarray(at, Math.min(at + miniSize, bytes.length)).subarray(0, want - filled);
        out.set(part, filled);
        filled += part.length;
      }
    }
    return filled === want ? out : out.subarray(0, filled);
  };

  const names = new Set(entries.map((e) => e.name));
  return { entries, rootClsid, has: (name) => names.has(name), readStream };
}
