// The letters of a disclosure request: every kind has a template whose placeholders are known, the replies
// cite their ground and the remedies, bad templates are named, and the DOCX and PDF carry the letter. The
// statutory check: a reply letter converted by LibreOffice to PDF and then to PNG shows its Chinese text
// and the layout of an official letter (skipped without LibreOffice unless GONGKAI_REQUIRE_OFFICE=1).
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listZip, readZipEntry } from '../../core/files/zip.ts';
import { replyResult, RESULT_CODES, type ResultCode } from '../../core/requests/results.ts';
import { extractText } from '../files/extract.ts';
import {
  BLANK,
  defaultTemplate,
  isLetterKind,
  isReplyKind,
  LETTER_KIND_LABELS,
  LETTER_KINDS,
  letterDocx,
  letterKindOf,
  letterNumber,
  letterPdf,
  letterText,
  PLACEHOLDER_NAMES,
  PLACEHOLDERS,
  placeholdersOf,
  renderLetter,
  renderTemplate,
  templateProblems,
  templateWarnings,
  type LetterContext,
  type LetterKind,
} from './letters.ts';

const run = promisify(execFile);

// Invented people, organs and numbers.
const CTX: LetterContext = {
  organName: '示范县人民政府办公室',
  letterNo: letterNumber('示政公开', 2026, 12),
  applicantName: '赵小红',
  requestNumber: 'YSQ-2026-00012',
  receivedOn: '2026-03-02',
  infoTitle: '示范县2025年耕地地力保护补贴发放明细',
  description: '请公开示范县2025年耕地地力保护补贴发放到各乡镇的明细表',
  reason: '该明细表中含有农户姓名、身份证号码和银行账号等个人信息',
  provided: ['示范县2025年耕地地力保护补贴发放汇总表', '示范县2025年耕地地力保护补贴资金分配文件'],
  access: '上述信息已通过电子邮件发送至您申请时填写的电子邮箱',
  referOrgan: '示范县农业农村局（联系电话：0530-7654321）',
  dueOn: '2026-03-30',
  correction: { items: '1. 请写明所需信息的名称或者文号；\n2. 请写明信息所属的年度。', requestedOn: '2026-03-04', dueOn: '2026-03-18' },
  extension: { days: 15, reason: '您申请的信息涉及多个部门，需要协调确认。', dueOn: '2026-04-21' },
  fee: {
    basis: 'per_request',
    amount: 200,
    explanation: '按件计收：该申请人本月第32件申请，31件以上每10件为一档，第32件所在档每件200元，应收200元（国办函〔2020〕109号第四条）。',
    noticeOn: '2026-03-10',
    dueOn: '2026-04-08',
    payment: '通过“示范县非税收入缴款平台”扫码缴纳',
  },
  consultation: { kind: 'third_party', party: '示范县某某农业科技有限公司', dueOn: '2026-03-31' },
  reconsiderationOrgan: '示范县人民政府',
  court: '示范市示范区人民法院',
  contact: '联系人：李明，联系电话：0530-1234567',
  letterDate: '2026-03-19',
};

const flat = (s: string) => s.replace(/\s+/g, '');
const textOf = (kind: LetterKind, ctx: LetterContext = CTX) => letterText(renderLetter(ctx, kind));

describe('letter kinds and templates', () => {
  it('has a letter for every result row and for each step before the reply, with Chinese labels', () => {
    for (const code of RESULT_CODES) expect(LETTER_KINDS).toContain(code);
    for (const k of ['acknowledgement', 'correction', 'extension', 'fee', 'consultation']) expect(LETTER_KINDS).toContain(k);
    expect(LETTER_KINDS).toHaveLength(RESULT_CODES.length + 5);
    const labels = LETTER_KINDS.map((k) => LETTER_KIND_LABELS[k]);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(l).toMatch(/[\u4e00-\u9fff]/);
    expect(LETTER_KIND_LABELS['withheld.state_secret']).toBe('答复告知书：不予公开（属于国家秘密）');
    expect(isLetterKind('fee')).toBe(true);
    expect(isLetterKind('partial')).toBe(true);
    expect(isLetterKind('withheld')).toBe(false);
    expect(isLetterKind(7)).toBe(false);
  });

  it('describes every placeholder once', () => {
    expect(new Set(PLACEHOLDER_NAMES).size).toBe(PLACEHOLDERS.length);
    for (const p of PLACEHOLDERS) expect(p.description.length).toBeGreaterThan(3);
    for (const n of ['申请人', '申请编号', '收到日期', '所需信息', '答复类型', '法律依据', '答复理由', '提供的信息', '负责机关', '机关名称', '日期', '补正事项', '补正期限', '延长天数', '延期理由', '截止日期', '收费金额', '收费说明', '缴费期限', '征询对象', '征询期限', '复议机关', '法院', '文号']) {
      expect(PLACEHOLDER_NAMES).toContain(n);
    }
  });

  it.each(LETTER_KINDS)('%s: the built-in template uses only known placeholders', (kind) => {
    const t = defaultTemplate(kind);
    expect(templateProblems(t.title)).toEqual([]);
    expect(templateProblems(t.body)).toEqual([]);
    for (const n of placeholdersOf(t.body)) expect(PLACEHOLDER_NAMES).toContain(n);
    // Replies end with the remedies; the other letters do not carry them.
    const remedies = /行政复议法.*\{\{复议机关\}\}.*行政诉讼法.*\{\{法院\}\}/;
    if (isReplyKind(kind)) {
      expect(t.body).toMatch(remedies);
      expect(t.body).toContain('{{法律依据}}');
      if (replyResult(kind).reasonRequired) expect(t.body).toContain('{{答复理由}}');
    } else expect(t.body).not.toMatch(remedies);
  });

  it('warns about a tenant wording that leaves out the ground, the remedies or a period, never about the built-in ones', () => {
    for (const k of LETTER_KINDS) expect(templateWarnings(k, defaultTemplate(k).body), k).toEqual([]);
    expect(templateWarnings('disclosed', '{{申请人}}：\n根据{{法律依据}}，予以公开。')).toEqual(['答复告知书未告知申请行政复议、提起行政诉讼的途径和期限（{{复议机关}}、{{法院}}）']);
    expect(templateWarnings('correction', '{{申请人}}：\n请补正。')).toEqual(['正文未引用法律依据（{{法律依据}}）', '正文未使用{{补正事项}}', '正文未使用{{补正期限}}']);
  });

  it("writes the context's own reply for 'reply'", () => {
    expect(letterKindOf({ result: 'partial' }, 'reply')).toBe('partial');
    expect(letterKindOf({ result: 'partial' }, 'fee')).toBe('fee');
    expect(() => letterKindOf({ result: null }, 'reply')).toThrow('尚未确定答复类型');
    expect(renderLetter({ ...CTX, result: 'withheld.state_secret' }, 'reply').paragraphs.join('')).toContain('国家秘密');
  });

  it.each(LETTER_KINDS)('%s: a complete context leaves no placeholder and no blank', (kind) => {
    const text = textOf(kind);
    expect(text).not.toContain('{{');
    expect(text).not.toContain('}}');
    expect(text).not.toContain(BLANK);
    expect(text).toContain(CTX.organName);
    expect(text).toContain('2026年3月19日');
    expect(text).toContain('YSQ-2026-00012');
  });
});

describe('reply letters', () => {
  const replies: ResultCode[] = ['disclosed', 'partial', 'withheld.third_party', 'withheld.process_info', 'unable.not_held', 'not_processed.repeat', 'other.no_correction', 'other.fee_unpaid'];

  it.each(replies)('%s: names the applicant, the request, the ground and the remedies', (code) => {
    const letter = renderLetter(CTX, code);
    expect(letter.title).toBe('政府信息公开申请答复告知书');
    expect(letter.addressee).toBe('赵小红：');
    expect(letter.letterNo).toBe('示政公开〔2026〕12号');
    const text = letterText(letter);
    expect(text).toContain('本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：YSQ-2026-00012）');
    expect(text).toContain('“示范县2025年耕地地力保护补贴发放明细”');
    expect(text).toContain(`根据${replyResult(code).ground}的规定`);
    expect(text).toContain('可以自收到本告知书之日起60日内，依照《中华人民共和国行政复议法》向示范县人民政府申请行政复议');
    expect(text).toContain('自收到本告知书之日起6个月内，依照《中华人民共和国行政诉讼法》向示范市示范区人民法院提起行政诉讼');
    expect(letter.paragraphs.at(-1)).toMatch(/^如对本答复不服/);
    expect(letter.note).toBe('（联系人：李明，联系电话：0530-1234567）');
  });

  it('gives the information provided and how to obtain it when it discloses', () => {
    const text = textOf('disclosed');
    expect(text).toContain('本机关决定予以公开');
    expect(text).toContain('本机关向您提供的政府信息为：（1）示范县2025年耕地地力保护补贴发放汇总表；（2）示范县2025年耕地地力保护补贴资金分配文件。');
    expect(text).toContain('上述信息已通过电子邮件发送至您申请时填写的电子邮箱。');
    // Without a list or a channel, the letter says the information comes with it.
    const bare = textOf('disclosed', { ...CTX, provided: [], access: null });
    expect(bare).not.toContain('本机关向您提供的政府信息为');
    expect(bare).toContain('上述政府信息随本告知书一并提供给您。');
  });

  it('gives the reasons for what it withholds', () => {
    const partial = textOf('partial');
    expect(partial).toContain('能够作区分处理。该明细表中含有农户姓名、身份证号码和银行账号等个人信息。根据《中华人民共和国政府信息公开条例》第三十七条的规定');
    expect(partial).toContain('其余部分不予公开');
    const withheld = textOf('withheld.process_info');
    expect(withheld).toContain('过程性信息');
    expect(withheld).toContain('本机关决定不予公开');
    expect(withheld).not.toContain('本机关向您提供的政府信息为');
  });

  it('names the organ that holds the information when it is known (Art. 36(五)), and leaves the sentence out when not', () => {
    expect(textOf('unable.not_held')).toContain('该信息由示范县农业农村局（联系电话：0530-7654321）负责公开，您可以向其提出申请。');
    const unknown = textOf('unable.not_held', { ...CTX, referOrgan: null });
    expect(unknown).toContain('本机关不掌握您申请获取的政府信息');
    expect(unknown).not.toContain('负责公开');
  });

  it('prints a blank to fill where a required reason or date is missing', () => {
    const text = textOf('withheld.state_secret', { ...CTX, reason: null });
    expect(text).toContain(`国家秘密。${BLANK}。根据`);
    expect(textOf('other.no_correction', { ...CTX, correction: null })).toContain(`本机关已于${BLANK}一次性告知您补正申请内容`);
    // A result that needs no reason simply has none.
    expect(textOf('disclosed', { ...CTX, reason: null })).not.toContain(BLANK);
  });

  it('falls back to naming the competent organs when the settings do not', () => {
    const text = textOf('disclosed', { ...CTX, reconsiderationOrgan: null, court: '' });
    expect(text).toContain('向有管辖权的行政复议机关申请行政复议');
    expect(text).toContain('向有管辖权的人民法院提起行政诉讼');
  });
});

describe('letters before the reply', () => {
  it('acknowledgement: the receipt date, the number and the due date', () => {
    const text = textOf('acknowledgement');
    expect(text).toContain('已予登记，申请编号为YSQ-2026-00012');
    expect(text).toContain('最迟于2026年3月30日答复');
  });

  it('correction (Art. 30): everything to correct at once, the period and what happens without it', () => {
    const letter = renderLetter(CTX, 'correction');
    expect(letter.title).toBe('政府信息公开申请补正告知书');
    const text = letterText(letter);
    expect(text).toContain('一次性告知您需要补正的事项如下');
    expect(letter.paragraphs).toContain('1. 请写明所需信息的名称或者文号；');
    expect(letter.paragraphs).toContain('2. 请写明信息所属的年度。');
    expect(text).toContain('请您于2026年3月18日前（含当日）');
    expect(text).toContain('答复期限自本机关收到补正后的申请之日起计算');
    expect(text).toContain('视为放弃申请');
    expect(text).toContain('第三十条');
  });

  it('extension (Art. 33): the days, the reason and the new due date', () => {
    const text = textOf('extension');
    expect(text).toContain('因您申请的信息涉及多个部门，需要协调确认，本机关不能在法定期限内作出答复');
    expect(text).toContain('答复期限延长15个工作日，本机关将最迟于2026年4月21日作出答复');
    expect(text).toContain('第三十三条第二款');
  });

  it('fee (109号): basis, amount, computation, 20 working days from the next day, payment, consequence', () => {
    const text = textOf('fee');
    expect(text).toContain('计收方式：按件计收。');
    expect(text).toContain('收费金额：人民币200元。');
    expect(text).toContain('计算方法：该申请人本月第32件申请');
    expect(text).toContain('自收到本通知书之日的次日起20个工作日内缴纳');
    expect(text).toContain('最迟于2026年4月8日缴纳');
    expect(text).toContain('缴费方式：通过“示范县非税收入缴款平台”扫码缴纳。');
    expect(text).toContain('逾期未按本通知书要求缴纳费用的，视为放弃申请');
    expect(text).toContain('国办函〔2020〕109号');
  });

  it('consultation (Arts. 32, 34): addressed to the party, 15 working days, the consequence of silence', () => {
    const letter = renderLetter(CTX, 'consultation');
    expect(letter.addressee).toBe('示范县某某农业科技有限公司：');
    const text = letterText(letter);
    expect(text).toContain('15个工作日内书面回复是否同意公开');
    expect(text).toContain('最迟于2026年3月31日回复');
    expect(text).toContain('第三十二条');
    expect(text).toContain('逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开');
    // The third party does not learn who asked.
    expect(text).not.toContain('赵小红');
    const co = textOf('consultation', { ...CTX, consultation: { kind: 'co_producer', party: '示范县财政局', dueOn: '2026-03-31' } });
    expect(co).toContain('第三十四条');
    expect(co).toContain('逾期未提出意见的，视为同意公开。');
  });
});

describe('renderTemplate', () => {
  it('fills placeholders, keeps unknown ones visible and never reads a value for placeholders', () => {
    expect(renderTemplate('{{申请人}}：您好，{{ 申请编号 }}。', { 申请人: '张三', 申请编号: 'YSQ-1' })).toBe('张三：您好，YSQ-1。');
    expect(renderTemplate('{{申请人}}{{未知}}', { 申请人: '张三' })).toBe('张三{{未知}}');
    expect(renderTemplate('{{申请人}}', { 申请人: '{{申请编号}}', 申请编号: 'X' })).toBe('{{申请编号}}');
  });

  it('leaves out a line all of whose placeholders are empty, and keeps one with any value', () => {
    const t = '第一行\n提供的信息：{{提供的信息}}。\n{{负责机关说明}}\n{{答复理由}}根据{{法律依据}}。';
    expect(renderTemplate(t, { 提供的信息: '', 负责机关说明: null, 答复理由: '', 法律依据: '第三十七条' })).toBe('第一行\n根据第三十七条。');
    expect(renderTemplate(t, { 提供的信息: '甲', 负责机关说明: '', 答复理由: '因为乙。', 法律依据: '第三十七条' })).toBe('第一行\n提供的信息：甲。\n因为乙。根据第三十七条。');
  });
});

describe('templateProblems', () => {
  it('accepts a good template', () => {
    expect(templateProblems('{{申请人}}：\n本机关于{{收到日期}}收到您的申请。')).toEqual([]);
  });

  it('names an unknown placeholder', () => {
    const p = templateProblems('{{申请人}}：\n您的编号是{{申请号码}}。');
    expect(p).toEqual(['第2行：未知的占位符“{{申请号码}}”（可用的占位符见模板说明）']);
  });

  it('names an unclosed placeholder, a stray closing one, a single brace and an empty one', () => {
    expect(templateProblems('您的编号是{{申请编号，请留存。')).toEqual(['占位符“{{申请编号，请留存。”缺少结尾的“}}”']);
    expect(templateProblems('{{申请人：{{申请编号}}')).toEqual(['占位符“{{申请人：{{申请编号”缺少结尾的“}}”']);
    expect(templateProblems('编号}}')).toEqual(['多余的“}}”，前面没有对应的“{{”']);
    expect(templateProblems('编号{申请编号}')).toEqual(['单个花括号“{”：占位符应写成 {{名称}}', '单个花括号“}”：占位符应写成 {{名称}}']);
    expect(templateProblems('{{ }}')).toEqual(['空的占位符“{{}}”，请填写占位符名称']);
    expect(templateProblems('｛｛申请人｝｝')[0]).toContain('半角花括号');
  });
});

// ---- documents --------------------------------------------------------------------------------------

function zipText(bytes: Uint8Array, name: string): string {
  const listing = listZip(bytes);
  expect(listing, 'a ZIP').toBeDefined();
  const entry = listing!.entries.find((e) => e.name === name);
  expect(entry, name).toBeDefined();
  return new TextDecoder().decode(readZipEntry(bytes, entry!));
}

describe('letterDocx', () => {
  it('is a DOCX with the letter in the official layout', async () => {
    const bytes = await letterDocx(CTX, 'partial');
    const doc = zipText(bytes, 'word/document.xml');
    const text = doc.replace(/<[^>]+>/g, '');
    for (const s of ['示范县人民政府办公室', '示政公开〔2026〕12号', '政府信息公开申请答复告知书', '赵小红：', '第三十七条', '2026年3月19日', '（联系人：李明，联系电话：0530-1234567）']) expect(text).toContain(s);
    expect(doc).toContain('w:color w:val="FF0000"'); // the organ's name in red
    expect(doc).toMatch(/w:bottom w:val="thickThinSmallGap"[^>]*w:color="FF0000"|w:bottom[^>]*w:color="FF0000"[^>]*thickThinSmallGap/); // the red double rule
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:lineRule="exact"');
    expect(doc).toContain('w:firstLine="640"'); // two characters of 16 pt
    // A4, margins 37 / 35 / 28 / 26 mm.
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const fonts = zipText(bytes, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    const footer = listZip(bytes)!.entries.find((e) => /^word\/footer\d*\.xml$/.test(e.name));
    expect(new TextDecoder().decode(readZipEntry(bytes, footer!))).toContain('PAGE');
    // mammoth reads it back.
    const back = flat((await extractText(bytes, 'docx')).text);
    expect(back).toContain('政府信息公开申请答复告知书');
    expect(back).toContain('赵小红');
  });

  it('writes a tenant template', async () => {
    const bytes = await letterDocx(CTX, 'disclosed', { title: '{{机关名称}}答复书', body: '{{申请人}}：\n同意公开。' });
    const text = zipText(bytes, 'word/document.xml').replace(/<[^>]+>/g, '');
    expect(text).toContain('示范县人民政府办公室答复书');
    expect(text).toContain('同意公开。');
  });
});

/** The text of each page, read back with pdf.js. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(flat(content.items.map((i) => ('str' in i ? i.str : '')).join('')));
  }
  await doc.destroy();
  return pages;
}

describe('letterPdf', () => {
  it('is a PDF with the Chinese title and the applicant', async () => {
    const bytes = await letterPdf(CTX, 'withheld.process_info');
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = flat((await extractText(bytes, 'pdf')).text);
    for (const s of ['示范县人民政府办公室', '示政公开〔2026〕12号', '政府信息公开申请答复告知书', '赵小红：', '过程性信息', '示范市示范区人民法院', '2026年3月19日']) expect(text).toContain(s);
  });

  it('never leaves the organ and date alone on a page', async () => {
    // This letter's text ends low on page 1, where the signature no longer fits.
    const pages = await pageTexts(await letterPdf({ ...CTX, contact: null }, 'unable.not_held'));
    expect(pages.length).toBe(2);
    expect(pages[0]).toContain('政府信息公开申请答复告知书');
    expect(pages[1]).toContain('如对本答复不服');
    expect(pages[1]).toContain('示范县人民政府办公室2026年3月19日');
    // A short letter keeps everything on one page.
    const short = await pageTexts(await letterPdf({ ...CTX, infoTitle: null, description: '示范县2025年第3次常务会议讨论稿', reason: '答复文号为示政公开〔2026〕5号。', contact: null }, 'not_processed.repeat'));
    expect(short.length).toBe(1);
    expect(short[0]).toContain('2026年3月19日');
  });
});

// ---- the statutory check: LibreOffice → PDF → PNG ---------------------------------------------------

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');
const requireOffice = process.env.GONGKAI_REQUIRE_OFFICE === '1';
const INSTALL = 'apt-get install -y libreoffice-writer-nogui poppler-utils';

/** A PPM (P6) image: width, height and RGB bytes. */
function readPpm(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a PPM');
  return { width: Number(m[1]), height: Number(m[2]), rgb: bytes.subarray(m[0].length) };
}

/** Dark and red pixels of a page rendered by pdftoppm (PPM) at a low resolution. */
async function pixels(file: string) {
  const { width, height, rgb } = readPpm(await readFile(file));
  const at = (x: number, y: number) => {
    const i = 3 * (y * width + x);
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
    return { red: r > 180 && g < 110 && b < 110, dark: r < 110 && g < 110 && b < 110 };
  };
  return { width, height, at };
}

describe.skipIf(!(soffice && pdftoppm) && !requireOffice)('a reply letter through LibreOffice', () => {
  it('converts to PDF and PNG with its Chinese text and the layout of an official letter', { timeout: 180_000 }, async () => {
    if (!soffice || !pdftoppm) expect.fail(`GONGKAI_REQUIRE_OFFICE=1 but ${soffice ? 'pdftoppm' : 'soffice'} is not installed: ${INSTALL}`);
    const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-letter-'));
    try {
      const docx = path.join(dir, 'reply.docx');
      await writeFile(docx, await letterDocx({ ...CTX, contact: null, reason: '该补贴由示范县农业农村局审核发放，本机关未制作、保存该明细。' }, 'unable.not_held'));
      // A profile of its own: runs beside (and never disturbs) a LibreOffice already running.
      const profile = pathToFileURL(path.join(dir, 'profile')).href;
      await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 150_000 });
      const pdfFile = path.join(dir, 'reply.pdf');
      const pdf = await readFile(pdfFile);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const text = await extractText(new Uint8Array(pdf), 'pdf');
      const all = flat(text.text);
      for (const s of ['示范县人民政府办公室', '示政公开〔2026〕12号', '政府信息公开申请答复告知书', '赵小红：', '本机关于2026年3月2日收到您提出的政府信息公开申请', '本机关不掌握您申请获取的政府信息', '该信息由示范县农业农村局', '向示范县人民政府申请行政复议', '2026年3月19日']) {
        expect(all, s).toContain(s);
      }
      expect(text.pages).toBeGreaterThanOrEqual(1);
      expect(text.pages).toBeLessThanOrEqual(2);

      await run(pdftoppm, ['-png', '-r', '80', pdfFile, path.join(dir, 'page')], { timeout: 60_000 });
      const pngs = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
      expect(pngs.length).toBe(text.pages);
      for (const [i, name] of pngs.entries()) {
        const png = await readFile(path.join(dir, name));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        // A4 at 80 dpi (210 × 297 mm: 661.4 × 935.4 pixels, rounded either way).
        expect(Math.abs(png.readUInt32BE(16) - 661.4)).toBeLessThan(1);
        expect(Math.abs(png.readUInt32BE(20) - 935.4)).toBeLessThan(1);
        expect((await stat(path.join(dir, name))).size).toBeGreaterThan(10_000);
        const keep = process.env.GONGKAI_LETTER_PNG;
        if (keep) await copyFile(path.join(dir, name), i === 0 ? keep : keep.replace(/(\.png)?$/, `-${i + 1}.png`));
      }

      // The layout, from the pixels. Page 1: red (the organ's name and the rule) only in its top quarter,
      // dark text under it, nothing in the left margin. Last page: the lowest line of text (the date) in
      // the right half, with text of the letter above it on the same page.
      await run(pdftoppm, ['-r', '30', pdfFile, path.join(dir, 'raw')], { timeout: 60_000 });
      const ppms = (await readdir(dir)).filter((f) => f.startsWith('raw') && f.endsWith('.ppm')).sort();
      const first = await pixels(path.join(dir, ppms[0]!));
      const leftMargin = Math.floor((first.width * 25) / 210); // 28 mm, less a little
      const textBottom = Math.floor((first.height * (297 - 35)) / 297);
      let redTop = 0;
      let redBelow = 0;
      let darkBody = 0;
      let darkMargin = 0;
      for (let y = 0; y < first.height; y++) {
        for (let x = 0; x < first.width; x++) {
          const p = first.at(x, y);
          if (p.red) {
            if (y < first.height / 4) redTop++;
            else redBelow++;
          }
          if (p.dark && y > first.height / 3 && y < textBottom) {
            if (x < leftMargin) darkMargin++;
            else darkBody++;
          }
        }
      }
      expect(redTop).toBeGreaterThan(100);
      expect(redBelow).toBe(0);
      expect(darkBody).toBeGreaterThan(300);
      expect(darkMargin).toBe(0);

      const last = await pixels(path.join(dir, ppms.at(-1)!));
      const darkIn = (y: number, from: number, to: number) => {
        let n = 0;
        for (let x = from; x < to; x++) if (last.at(x, y).dark) n++;
        return n;
      };
      let lowest = -1;
      for (let y = textBottom; y > 0 && lowest < 0; y--) if (darkIn(y, 0, last.width)) lowest = y;
      expect(lowest).toBeGreaterThan(0);
      expect(darkIn(lowest, 0, Math.floor(last.width / 2))).toBe(0);
      expect(darkIn(lowest, Math.floor(last.width / 2), last.width)).toBeGreaterThan(0);
      let textAbove = 0;
      for (let y = 0; y < lowest - 20; y++) textAbove += darkIn(y, leftMargin, Math.floor(last.width / 3));
      expect(textAbove).toBeGreaterThan(50);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
