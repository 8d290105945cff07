// 文号 (document numbers): 发文机关代字 + 〔年份〕 + 序号 + 号, e.g. 肥政办字〔2020〕12号. Offices type the
// year's brackets in many ways (〔〕, [], (), （）, ［］, 【】, 〖〗) and with stray spaces; the canonical form uses
// 〔〕 (GB/T 9704-2012 §7.2.4: 年份用六角括号"〔〕"括入, 序号不编虚位, 不加"第"字).

export interface DocNo {
  /** The issuer's code (发文机关代字), e.g. 肥政办字, 筑高新办函, 开府办. */
  issuerCode: string;
  year: number;
  sequence: number;
  /** The canonical form: 肥政办字〔2020〕12号. */
  normalized: string;
}

export type DocNoResult = { ok: true; docNo: DocNo } | { ok: false; message: string };

const OPEN = '〔[(（［【〖｛{';
const CLOSE = '〕])）］】〗｝}';

function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const PATTERN = new RegExp(`^(?<issuer>[^${escapeClass(OPEN + CLOSE)}\\d]+?)[${escapeClass(OPEN)}](?<year>\\d{4})[${escapeClass(CLOSE)}]第?(?<seq>\\d{1,6})号?$`, 'u');

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^\-[]/g, '\\$&');
}

const EXAMPLE = '应如 肥政办字〔2020〕12号：发文机关代字、〔年份〕、序号和“号”';

export function parseDocNo(input: string, now: Date = new Date()): DocNoResult {
  const compact = toHalfWidthDigits(input).replace(/[\s\u3000]+/g, '');
  if (!compact) return { ok: false, message: '文号为空' };
  if (compact.length > 60) return { ok: false, message: '文号过长（不超过 60 个字）' };
  const m = PATTERN.exec(compact);
  if (!m?.groups) return { ok: false, message: `文号“${input.trim()}”格式不正确，${EXAMPLE}` };
  const issuerCode = m.groups.issuer!;
  const year = Number(m.groups.year);
  const sequence = Number(m.groups.seq);
  const maxYear = now.getFullYear() + 1;
  if (year < 1949 || year > maxYear) return { ok: false, message: `文号“${input.trim()}”中的年份 ${year} 不合理（应在 1949 至 ${maxYear} 之间）` };
  if (sequence < 1) return { ok: false, message: `文号“${input.trim()}”中的序号应从 1 开始` };
  if (/[<>&"'\\/]/.test(issuerCode)) return { ok: false, message: `文号“${input.trim()}”中的发文机关代字含有不允许的字符` };
  return { ok: true, docNo: { issuerCode, year, sequence, normalized: `${issuerCode}〔${year}〕${sequence}号` } };
}

/** The canonical form of a 文号, or null when it cannot be parsed (for lookups typed by the public). */
export function normalizeDocNo(input: string): string | null {
  const r = parseDocNo(input);
  return r.ok ? r.docNo.normalized : null;
}
