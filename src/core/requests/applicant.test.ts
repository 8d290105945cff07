import { describe, expect, it } from 'vitest';
import { applicantProblems, maskIdNumber, maskName, maskPhone, normaliseIdNumber, type ApplicantInput } from './applicant.ts';
import { descriptionProblem, descriptionSimilarity, possibleRepeats } from './repeat.ts';

// Invented numbers with valid checksums (GB 11643 and GB 32100); no real person or organisation.
const person: ApplicantInput = { type: 'natural_person', name: '张三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000' };
const org: ApplicantInput = { type: 'enterprise', name: '示范县某某商贸有限公司', idType: 'credit_code', idNumber: '919999000012345T0R', contactPerson: '李四', email: 'li@example.com' };

describe('the applicant (Art. 29)', () => {
  it('accepts a person with a valid ID number and an organisation with a valid credit code', () => {
    expect(applicantProblems(person)).toEqual([]);
    expect(applicantProblems(org)).toEqual([]);
    expect(applicantProblems({ ...person, idNumber: '11010519491231002x ' })).toEqual([]);
  });
  it('names the field of each problem', () => {
    const fields = (a: ApplicantInput, o = {}) => applicantProblems(a, o).map((p) => p.field);
    expect(fields({ ...person, idNumber: '110105194912310021' })).toEqual(['applicant.idNumber']);
    expect(applicantProblems({ ...person, idNumber: '110105194912310021' })[0]!.message).toContain('校验码');
    expect(fields({ ...org, idNumber: '919999000012345T0S' })).toEqual(['applicant.idNumber']);
    expect(fields({ ...person, name: ' ' })).toEqual(['applicant.name']);
    expect(fields({ ...person, idType: 'credit_code' })).toContain('applicant.idType');
    expect(fields({ ...org, contactPerson: '' })).toEqual(['applicant.contactPerson']);
    expect(fields({ ...person, phone: null })).toEqual(['applicant.phone']);
    expect(fields({ ...person, phone: '12345' })).toEqual(['applicant.phone']);
    expect(fields({ ...person, email: 'not-an-address' })).toEqual(['applicant.email']);
    expect(fields(person, { needsPostalAddress: true })).toEqual(['applicant.address']);
    expect(fields(person, { needsEmail: true })).toEqual(['applicant.email']);
  });
  it('masks what staff who do not handle the request may see', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(normaliseIdNumber('resident_id', ' 110105 19491231002x')).toBe('11010519491231002X');
  });
});

describe('the description and repeats (Arts. 29, 35, 36(六))', () => {
  it('refuses a description too short to identify anything', () => {
    expect(descriptionProblem('')).toContain('请描述');
    expect(descriptionProblem('文件。')).toContain('太短');
    expect(descriptionProblem('示范县2025年耕地地力保护补贴发放明细')).toBeNull();
  });
  it('finds an earlier answered request of the same applicant that this one repeats', () => {
    const earlier = [
      { id: 'a', number: 'YSQ-2026-00001', description: '申请公开示范县2025年耕地地力保护补贴发放明细表', docNo: null, answered: true },
      { id: 'b', number: 'YSQ-2026-00002', description: '申请公开青山镇2024年度财政预算', docNo: null, answered: true },
      { id: 'c', number: 'YSQ-2026-00003', description: '申请公开示范县2025年耕地地力保护补贴发放明细', docNo: null, answered: false },
      { id: 'd', number: 'YSQ-2026-00004', description: '某文件', docNo: '示政发〔2026〕3号', answered: true },
    ];
    const found = possibleRepeats('请公开示范县2025年耕地地力保护补贴的发放明细表。', null, earlier);
    expect(found.map((f) => f.id)).toEqual(['a']);
    expect(possibleRepeats('另一份文件', '示政发[2026]3号', earlier).map((f) => f.id)).toEqual(['d']);
    expect(descriptionSimilarity('申请公开青山镇2024年度财政预算', '申请公开示范县2025年耕地地力保护补贴发放明细表')).toBeLessThan(0.3);
  });
});
