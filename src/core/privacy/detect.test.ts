import { describe, expect, it } from 'vitest';
import { chinaToday, isValidCreditCode, isValidResidentId, luhnCheckDigit, luhnValid, residentIdCheckChar } from './checks.ts';
import { findPersonalData, normalizeForDetection } from './detect.ts';
import { applyMasks } from './mask.ts';

const NOW = new Date(Date.UTC(2026, 0, 1, 12));
const kinds = (text: string, opts = {}) => findPersonalData(text, { now: NOW, ...opts }).map((f) => [f.kind, f.value]);

describe('check digits', () => {
  it('11010519491231002X is a valid ID number (MOD 11-2 check character X)', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });
  it('rejects impossible birth dates and unknown provinces', () => {
    const today = chinaToday(NOW);
    const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
    expect(isValidResidentId(withCheck('11010518991231002'), today)).toBe(false); // 1899
    expect(isValidResidentId(withCheck('11010520230229002'), today)).toBe(false); // no 29 February in 2023
    expect(isValidResidentId(withCheck('11010520240229002'), today)).toBe(true);
    expect(isValidResidentId(withCheck('11010520270101002'), today)).toBe(false); // future
    expect(isValidResidentId(withCheck('99010519491231002'), today)).toBe(false); // no province 99
    expect(isValidResidentId('110105491231002', today)).toBe(true); // 15 digits, 1949-12-31
    expect(isValidResidentId('110105491331002', today)).toBe(false); // month 13
  });
  it('Luhn and unified social credit codes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });
  it('the current date is taken in China', () => {
    expect(chinaToday(new Date('2025-12-31T16:30:00Z'))).toBe(20260101);
    expect(chinaToday(new Date('2025-12-31T15:59:00Z'))).toBe(20251231);
  });
});

describe('findPersonalData: fixed examples', () => {
  it('finds an ID number in a sentence, with label, mask and masked context', () => {
    const text = '当事人张三，身份证号码11010519491231002X，住所地北京市。';
    const [f] = findPersonalData(text, { now: NOW });
    expect(f).toMatchObject({ kind: 'id_card', value: '11010519491231002X', masked: '110105********002X', label: '身份证号码', start: 11, end: 29 });
    expect(f!.context).toBe('当事人张三，身份证号码110105********002X，住所地北京市。');
  });
  it('ID numbers embedded in longer runs of digits or letters are not findings', () => {
    expect(kinds('编号A11010519491231002X')).toEqual([]);
    expect(kinds('编号11010519491231002X1')).toEqual([]);
    expect(kinds('编号911010519491231002X')).toEqual([]);
    expect(kinds('编号11010519491231002Xb')).toEqual([]);
  });
  it('mobile numbers in the accepted formats', () => {
    for (const m of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '+8613800138000', '8613800138000', '0086-13800138000', '１３８００１３８０００']) {
      expect(kinds(`联系电话：${m}。`), m).toEqual([['mobile', m]]);
    }
    expect(kinds('电话13800138000/13900139000')).toEqual([['mobile', '13800138000'], ['mobile', '13900139000']]);
    expect(kinds('电话13800138000,13900139000')).toEqual([['mobile', '13800138000'], ['mobile', '13900139000']]);
  });
  it('11-digit quantities are not mobile numbers', () => {
    expect(kinds('总投资13800138000元')).toEqual([]);
    expect(kinds('接待15000000000人次')).toEqual([]);
    expect(kinds('产值13800138000.5')).toEqual([]);
    expect(kinds('编号12800138000')).toEqual([]); // 12x is not a mobile prefix
    expect(kinds('编号138001380001')).toEqual([]); // 12 digits
  });
  it('landlines', () => {
    for (const l of ['0531-86123456', '(010)12345678', '（010）12345678', '0755-1234567转123', '010-62345678-8001', '0551—65123456']) {
      expect(kinds(`咨询电话：${l}；`), l).toEqual([['landline', l]]);
    }
  });
  it('文号, 索引号, dates and amounts are not telephone numbers', () => {
    const text =
      '根据肥政办字〔2020〕12号和川政办字[2022]32号文件，索引号000014349/2017-00110、11341702486344515H/202110-00013，' +
      '2024-10-01、2024年10月1日、20241001起施行，资金1234567.89元、12,345,678元，共计2024-10-01至2025-12-31。';
    expect(kinds(text)).toEqual([]);
  });
  it('bank card numbers: Luhn-valid, plausible IIN, plain or grouped', () => {
    const body = '622202123456789012';
    const card = body + luhnCheckDigit(body);
    const bad = body + ((Number(luhnCheckDigit(body)) + 1) % 10);
    expect(luhnValid(card)).toBe(true);
    expect(kinds(`账号${bad}。`)).toEqual([]); // fails Luhn
    expect(kinds(`账号${card}。`)).toEqual([['bank_card', card]]);
    expect(kinds('卡号4111 1111 1111 1111。')).toEqual([['bank_card', '4111 1111 1111 1111']]);
    expect(kinds('卡号1111111111111117。')).toEqual([]); // Luhn-valid but IIN 1 not plausible
    expect(kinds('序号4111 1111 1111 1111 1234。')).toEqual([]); // a longer grouped run
  });
  it('an 18-digit valid ID that also passes Luhn is an ID, not a card', () => {
    // Search the sequence numbers for one whose ID also passes Luhn.
    let id = '';
    for (let seq = 0; seq < 1000 && !id; seq++) {
      const first17 = `37098319800101${String(seq).padStart(3, '0')}`;
      const candidate = first17 + residentIdCheckChar(first17);
      if (/^\d{18}$/.test(candidate) && luhnValid(candidate)) id = candidate;
    }
    expect(id).not.toBe('');
    expect(kinds(`身份证${id}。`)).toEqual([['id_card', id]]);
  });
  it('unified social credit codes are not cards', () => {
    // An all-digit valid credit code that also passes Luhn.
    let code = '';
    for (let n = 0; n < 100000 && !code; n++) {
      const first17 = `91370100${String(n).padStart(9, '0')}`;
      for (let d = 0; d <= 9; d++) {
        if (isValidCreditCode(first17 + d) && luhnValid(first17 + d)) code = first17 + d;
      }
    }
    expect(code).not.toBe('');
    expect(kinds(`统一社会信用代码${code}。`)).toEqual([]);
  });
  it('e-mail addresses, including one that contains a mobile number', () => {
    expect(kinds('来信请寄zhang.san@example.gov.cn。')).toEqual([['email', 'zhang.san@example.gov.cn']]);
    expect(kinds('邮箱13800138000@qq.com')).toEqual([['email', '13800138000@qq.com']]);
  });
  it('values of fields marked personal', () => {
    const f = findPersonalData('对张三丰作出罚款决定，张三丰未申请复议。', { personalValues: [{ field: '被处罚人姓名', value: '张三丰' }, { field: 'x', value: '王' }] });
    expect(f.map((x) => [x.kind, x.start, x.field, x.masked, x.label])).toEqual([
      ['personal_field', 1, '被处罚人姓名', '张**', '个人信息字段“被处罚人姓名”'],
      ['personal_field', 11, '被处罚人姓名', '张**', '个人信息字段“被处罚人姓名”'],
    ]);
  });
  it('findings are sorted and never overlap; the context masks neighbours too', () => {
    const text = '张三13800138000张三11010519491231002X';
    const f = findPersonalData(text, { now: NOW, personalValues: [{ field: '姓名', value: '张三' }] });
    expect(f.map((x) => x.kind)).toEqual(['personal_field', 'mobile', 'personal_field', 'id_card']);
    for (const x of f) {
      expect(x.context).not.toContain('13800138000');
      expect(x.context).not.toContain('11010519491231002X');
      expect(x.context).not.toContain('张三');
    }
    expect(applyMasks(text, f)).toBe('张*138****8000张*110105********002X');
  });
  it('normalisation keeps offsets', () => {
    const s = '１３８－００１３　８０００（０１０）＠';
    expect(normalizeForDetection(s)).toBe('138-0013 8000(010)@');
    expect(normalizeForDetection(s).length).toBe(s.length);
  });
});

describe('speed', () => {
  it('scans 1 MB of text with many findings well under a second, and pathological input in linear time', () => {
    const unit = '根据条例第十五条，联系电话13800138000，身份证号11010519491231002X，邮箱zhang@example.cn，金额1234567.89元，文号肥政办字〔2020〕12号，日期2024-10-01。\n';
    const inputs = [unit.repeat(Math.ceil(1e6 / unit.length)), '1'.repeat(1e6), '1234 '.repeat(2e5), 'a.'.repeat(5e5), 'a@'.repeat(5e5), '0531-'.repeat(2e5)];
    for (const text of inputs) {
      const t0 = performance.now();
      findPersonalData(text, { now: NOW });
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
});
