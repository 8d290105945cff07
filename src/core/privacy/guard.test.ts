import { describe, expect, it } from 'vitest';
import { findPersonalData } from './detect.ts';
import { guardReport } from './guard.ts';
import { maskHtml } from './html.ts';
import { applyMasks } from './mask.ts';

const NOW = new Date(Date.UTC(2026, 0, 1, 12));
const record = {
  title: '关于对张三丰（身份证号11010519491231002X）行政处罚的公示',
  bodyHtml: '<p>当事人：张三丰</p><p>联系电话：138<b>0013</b>8000</p><p>依据《中华人民共和国政府信息公开条例》，涉及商业秘密的除外。</p>',
  fields: [
    { field: '被处罚人姓名', value: '张三丰' },
    { field: '联系邮箱', value: 'office@example.gov.cn', personal: false },
  ],
  attachmentTexts: [
    { name: '处罚决定书.pdf', text: '机密★1年\n当事人张三丰，银行账号4111 1111 1111 1111。' },
    { name: '空白.docx', text: null },
  ],
  now: NOW,
};

describe('guardReport', () => {
  it('combines title, body, fields and attachments', () => {
    const r = guardReport(record);
    expect(r.findings.map((f) => [f.where, f.kind, f.value])).toEqual([
      ['title', 'personal_field', '张三丰'],
      ['title', 'id_card', '11010519491231002X'],
      ['body', 'personal_field', '张三丰'],
      ['body', 'mobile', '13800138000'],
      ['field', 'email', 'office@example.gov.cn'],
      ['attachment', 'personal_field', '张三丰'],
      ['attachment', 'bank_card', '4111 1111 1111 1111'],
    ]);
    expect(r.findings.find((f) => f.where === 'field')!.inField).toBe('联系邮箱');
    expect(r.findings.filter((f) => f.where === 'attachment').every((f) => f.attachment === '处罚决定书.pdf')).toBe(true);
    expect(r.marks).toEqual([{ mark: '机密', start: 0, end: 5, text: '机密★1年', where: 'attachment', attachment: '处罚决定书.pdf' }]);
    expect(r.blocking).toBe(true);
    const ids = r.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('ids are stable and do not depend on the order of attachments', () => {
    const a = guardReport(record).findings.map((f) => f.id);
    const b = guardReport({ ...record, attachmentTexts: [...record.attachmentTexts].reverse() }).findings.map((f) => f.id);
    expect(b).toEqual(a);
  });
  it('body ids mask the body; title offsets are those of findPersonalData on the title', () => {
    const r = guardReport(record);
    const personalValues = [{ field: '被处罚人姓名', value: '张三丰' }];
    const bodyIds = r.findings.filter((f) => f.where === 'body').map((f) => f.id);
    expect(maskHtml(record.bodyHtml, bodyIds, { personalValues })).toBe(
      '<p>当事人：张**</p><p>联系电话：138<b>****</b>8000</p><p>依据《中华人民共和国政府信息公开条例》，涉及商业秘密的除外。</p>',
    );
    const chosen = r.findings.filter((f) => f.where === 'title');
    const titleFindings = findPersonalData(record.title, { personalValues, now: NOW }).filter((f) => chosen.some((c) => c.start === f.start && c.end === f.end));
    expect(applyMasks(record.title, titleFindings)).toBe('关于对张**（身份证号110105********002X）行政处罚的公示');
  });
  it('a clean record does not block; marks in the body do', () => {
    const clean = guardReport({ title: '关于印发《示范县政务公开工作要点》的通知', bodyHtml: '<p>各乡镇人民政府：</p><p>咨询请拨打12345热线。不得公开涉及国家秘密的信息。</p>', fields: [], attachmentTexts: [] });
    expect(clean).toEqual({ findings: [], marks: [], blocking: false });
    const marked = guardReport({ title: '通知', bodyHtml: '<p style="text-align:left">秘密★</p><p>关于……</p>' });
    expect(marked.marks.map((m) => [m.where, m.text])).toEqual([['body', '秘密★']]);
    expect(marked.blocking).toBe(true);
  });
});
