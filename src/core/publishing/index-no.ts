// 索引号 (index numbers). No national format exists (rules/catalogue.md §5.3); Art. 12 of the regulation
// only requires that the 目录 carries an 索引. The pattern is configurable per tenant; the default follows
// the 中国政府网 shape 机构代码/年份-5位流水号 with the unit's code.

export const DEFAULT_INDEX_PATTERN = '{unitCode}/{year}-{seq:5}';

export interface IndexNoParts {
  unitCode: string;
  /** 统一社会信用代码; falls back to the unit code when the unit has none. */
  orgCode: string | null;
  tenantCode: string;
  year: number;
  month: number;
  /** Code of the record's catalogue node, when it has one. */
  catalogueCode?: string | null;
}

const TOKEN = /\{(unitCode|orgCode|tenantCode|year|month|catalogueCode|seq)(?::(\d))?\}/g;

export function indexPatternProblem(pattern: string): string | null {
  if (pattern.length > 100) return '索引号格式不能超过 100 个字符';
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  if (tokens.filter((t) => t === 'seq').length !== 1) return '索引号格式必须含且只含一个流水号 {seq} 或 {seq:N}';
  const stripped = pattern.replace(TOKEN, '');
  if (/[{}]/.test(stripped)) return '索引号格式中有不认识的占位符；可用 {unitCode} {orgCode} {tenantCode} {year} {month} {catalogueCode} {seq:N}';
  if (/\s/.test(stripped)) return '索引号格式不能含空格';
  return null;
}

function fill(pattern: string, parts: IndexNoParts, seq: string): string {
  return pattern.replace(TOKEN, (_m, name: string, width?: string) => {
    switch (name) {
      case 'unitCode':
        return parts.unitCode;
      case 'orgCode':
        return parts.orgCode || parts.unitCode;
      case 'tenantCode':
        return parts.tenantCode;
      case 'year':
        return String(parts.year);
      case 'month':
        return String(parts.month).padStart(2, '0');
      case 'catalogueCode':
        return parts.catalogueCode || '000';
      default:
        return width ? seq.padStart(Number(width), '0') : seq;
    }
  });
}

/**
 * The counter scope of a pattern for these parts: everything but the sequence. Records whose index numbers
 * differ only in their sequence draw from one counter, so a number is never issued twice.
 */
export function indexScope(pattern: string, parts: IndexNoParts): string {
  return fill(pattern, parts, '#');
}

export function formatIndexNo(pattern: string, parts: IndexNoParts, sequence: number): string {
  return fill(pattern, parts, String(sequence));
}
