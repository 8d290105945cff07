// Classification marks (密级标志) on a document: 绝密, 机密, 秘密, as printed in the top left corner of a
// classified document (GB/T 9704-2012 §7.2.2: 份号, then 密级和保密期限 such as "机密★1年", then 紧急程度).
// Publishing a document that carries one is a leak (《保守国家秘密法》; 条例第十四条: state secrets are not
// disclosed), so a mark blocks publication outright. Pure, no I/O, linear time.
//
// The words themselves are ordinary words too (商业秘密, 涉及国家秘密的, 保守秘密, 机密文件), so an occurrence
// is a mark only when it stands as marks stand:
//   1. next to a star: "机密★1年", "秘密★", "绝密★启用前", "★秘密" (a star before the word only counts when
//      the word then ends: "★秘密文件管理" is a bullet point, not a mark);
//   2. after the label 密级: "密级：机密" (forms, cover pages, table cells);
//   3. on a line of its own, alone or with only what shares the line with a mark in a document's header:
//      份号 (000123), a period ("机密 1年", "秘密（10年）"), 紧急程度 (特急, 加急), brackets and punctuation;
//   4. in the first five non-empty lines, at the start of a line (after 份号 or brackets) and followed by a
//      space, a tab or the end of the line: text pulled out of a PDF often puts the mark and the title on
//      one line ("机密 关于……的通知").
// And never when the word is the end of a compound (商业秘密, 国家秘密, 工作秘密, 保守秘密, …) unless the label
// 密级 precedes it. So a document whose first lines carry a mark (with or without ★) is caught, and running
// text that mentions 商业秘密, 国家秘密 or 保守国家秘密 is not.

export type ClassificationLevel = '绝密' | '机密' | '秘密';

export interface ClassificationMark {
  mark: ClassificationLevel;
  start: number;
  end: number;
  /** The mark as written, with its star and period when present ("机密★1年"). */
  text: string;
}

const SP = String.raw`[ \t\u00A0\u3000]*`;
const STAR = '[★☆]';
const NUM = '(?:[0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3})';
const PERIOD = String.raw`(?:${NUM}${SP}(?:年|个月|月)|长期|永久|启用前|[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日前?)`;

const WORD_RE = /绝密|机密|秘密/g;
/** For counting within a line (String#match would reset WORD_RE's lastIndex under the main loop). */
const COUNT_RE = /绝密|机密|秘密/g;
/** After the word: star, optional period. */
const TAIL_STAR_RE = new RegExp(`${SP}${STAR}${SP}(?:${PERIOD})?`, 'y');
/** After the word, no star: an optional period, bare or in brackets. */
const TAIL_PLAIN_RE = new RegExp(String.raw`(?:${SP}(?:[（(]${SP}${PERIOD}${SP}[)）]|${PERIOD}))?`, 'y');
const HEAD_STAR_RE = new RegExp(`${STAR}${SP}$`);
const LABEL_RE = /密级[ \t\u00A0\u3000]*[:：]?[ \t\u00A0\u3000]*$/;
/** Words that make 秘密/机密 part of a compound noun or a verb phrase, i.e. ordinary text. */
const COMPOUND_RE = /(?:商业|国家|工作|保守|个人|军事|技术|经营|涉密|泄露|泄密|窃取|刺探|核心|重要|一般|内部|的|之|和|或|与|及)$/;
/** Everything that may share a line with a mark in a document header. */
const HEADER_TOKEN_RE = new RegExp(`绝密|机密|秘密|${STAR}|${PERIOD}|特急|加急|特提|平急|急件|密级|保密期限|份号|[0-9０-９]+`, 'g');
const HEADER_REST_RE = /^[\s【】[\]()（）:：·•,，、.。;；\-—]*$/;
const MAX_HEADER_LINE = 60;
const TOP_LINES = 5;
const isBlank = (c: string | undefined) => c === undefined || /\s/.test(c);

function headerOnly(s: string): boolean {
  return s.length <= MAX_HEADER_LINE && HEADER_REST_RE.test(s.replace(HEADER_TOKEN_RE, ''));
}

/** End offset of the first `TOP_LINES` non-empty lines. */
function topEnd(text: string): number {
  let pos = 0;
  let seen = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(pos, end).trim()) seen++;
    if (seen >= TOP_LINES) return end;
    pos = end + 1;
  }
  return text.length;
}

/** Classification marks in `text`, sorted by start. See the heuristic above. */
export function findClassificationMarks(text: string): ClassificationMark[] {
  const marks: ClassificationMark[] = [];
  const top = topEnd(text);
  let lineStart = 0;
  let lineEnd = -1;
  let lastEnd = 0;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    const i = m.index;
    const word = m[0] as ClassificationLevel;
    if (i < lastEnd) continue;
    if (i >= lineEnd) {
      lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const nl = text.indexOf('\n', i);
      lineEnd = nl < 0 ? text.length : nl;
    }
    const before = text.slice(Math.max(lineStart, i - 8), i);
    const wordEnd = i + word.length;

    let start = i;
    let end = wordEnd;
    let isMark = false;
    TAIL_STAR_RE.lastIndex = wordEnd;
    const starTail = TAIL_STAR_RE.exec(text);
    TAIL_PLAIN_RE.lastIndex = wordEnd;
    const plainTail = TAIL_PLAIN_RE.exec(text);
    const tailEnd = starTail ? wordEnd + starTail[0].length : wordEnd + (plainTail?.[0].length ?? 0);
    const afterTail = text[tailEnd];
    const endsHere = tailEnd >= lineEnd || isBlank(afterTail) || /[，,。.；;、)）】\]]/.test(afterTail!);

    if (LABEL_RE.test(before)) {
      isMark = true; // 2. 密级：机密
      end = tailEnd;
    } else if (!COMPOUND_RE.test(before)) {
      const headStar = HEAD_STAR_RE.exec(before);
      if (starTail) {
        isMark = true; // 1. 机密★1年
        end = tailEnd;
        if (headStar) start = i - headStar[0].length;
      } else if (headStar && endsHere) {
        isMark = true; // 1. ★秘密
        start = i - headStar[0].length;
        end = tailEnd;
      } else {
        const line = lineEnd - lineStart <= MAX_HEADER_LINE ? text.slice(lineStart, lineEnd) : null;
        if (line !== null && line.match(COUNT_RE)?.length === 1 && headerOnly(line)) {
          isMark = true; // 3. a header line
          end = tailEnd;
        } else if (i < top && i - lineStart <= MAX_HEADER_LINE && headerOnly(text.slice(lineStart, i)) && (tailEnd >= lineEnd || isBlank(afterTail))) {
          isMark = true; // 4. first lines: "机密 关于……的通知"
          end = tailEnd;
        }
      }
    }
    if (!isMark) continue;
    const raw = text.slice(start, end);
    const trimmed = raw.replace(/[ \t\u00A0\u3000]+$/, '');
    marks.push({ mark: word, start, end: start + trimmed.length, text: trimmed });
    lastEnd = start + trimmed.length;
  }
  return marks;
}
