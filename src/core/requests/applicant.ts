// Who asks: Art. 29 of the regulation requires the applicant's name, proof of identity and contact, and the
// annual report counts requests by applicant type (自然人; 法人或其他组织: 商业企业, 科研机构, 社会公益组织,
// 法律服务机构, 其他). The checks here are what a form can check: the shape and checksum of the numbers.
import { isValidCreditCode, isValidResidentId } from '../privacy/checks.ts';

export const APPLICANT_TYPES = ['natural_person', 'enterprise', 'research', 'public_interest', 'legal_service', 'other_org'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** The columns of the annual report's request table, verbatim. */
export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  enterprise: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
};

export function isOrganisation(t: ApplicantType): boolean {
  return t !== 'natural_person';
}

export const ID_DOC_TYPES = ['resident_id', 'passport', 'hk_macao_pass', 'taiwan_pass', 'foreign_permanent', 'other_id', 'credit_code', 'org_other'] as const;
export type IdDocType = (typeof ID_DOC_TYPES)[number];

export const ID_DOC_LABELS: Record<IdDocType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_pass: '港澳居民来往内地通行证',
  taiwan_pass: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  other_id: '其他有效身份证件',
  credit_code: '统一社会信用代码',
  org_other: '其他组织机构代码或登记证号',
};

export const PERSON_DOC_TYPES: IdDocType[] = ['resident_id', 'passport', 'hk_macao_pass', 'taiwan_pass', 'foreign_permanent', 'other_id'];
export const ORG_DOC_TYPES: IdDocType[] = ['credit_code', 'org_other'];

export interface ApplicantInput {
  type: ApplicantType;
  /** The person's name, or the organisation's. */
  name: string;
  idType: IdDocType;
  idNumber: string;
  /** An organisation's contact person (联系人). */
  contactPerson?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  postcode?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The identity number as it is compared and stored: no spaces, capital X. */
export function normaliseIdNumber(idType: IdDocType, value: string): string {
  const v = value.replace(/[\s\u3000-]/g, '');
  return idType === 'resident_id' || idType === 'credit_code' ? v.toUpperCase() : v;
}

/** Problems with an applicant's details, each naming its field, in Chinese; none → []. */
export function applicantProblems(a: ApplicantInput, opts: { needsPostalAddress?: boolean; needsEmail?: boolean } = {}): FieldProblem[] {
  const out: FieldProblem[] = [];
  const org = isOrganisation(a.type);
  if (!a.name.trim()) out.push({ field: 'applicant.name', message: org ? '请填写法人或其他组织的名称' : '请填写申请人姓名' });
  else if (a.name.trim().length > 100) out.push({ field: 'applicant.name', message: '名称过长（最多100字）' });
  const allowed = org ? ORG_DOC_TYPES : PERSON_DOC_TYPES;
  if (!allowed.includes(a.idType)) out.push({ field: 'applicant.idType', message: org ? '法人或其他组织请提供统一社会信用代码或其他组织机构代码' : '自然人请提供身份证件' });
  const id = normaliseIdNumber(a.idType, a.idNumber);
  if (!id) out.push({ field: 'applicant.idNumber', message: org ? '请填写统一社会信用代码' : '请填写证件号码' });
  else if (a.idType === 'resident_id' && !isValidResidentId(id)) out.push({ field: 'applicant.idNumber', message: '居民身份证号码不正确（18位，最后一位校验码不符，或出生日期无效），请核对' });
  else if (a.idType === 'credit_code' && !isValidCreditCode(id)) out.push({ field: 'applicant.idNumber', message: '统一社会信用代码不正确（18位，校验码不符），请核对' });
  else if (id.length > 40) out.push({ field: 'applicant.idNumber', message: '证件号码过长' });
  if (org && !a.contactPerson?.trim()) out.push({ field: 'applicant.contactPerson', message: '请填写联系人姓名' });
  const phone = a.phone?.replace(/[\s()（）]/g, '') ?? '';
  const email = a.email?.trim() ?? '';
  if (!phone && !email) out.push({ field: 'applicant.phone', message: '请至少留一种联系方式（电话或电子邮箱）' });
  if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone)) out.push({ field: 'applicant.phone', message: '联系电话格式不正确（手机号11位，固定电话如 0531-12345678）' });
  if (email && !EMAIL.test(email)) out.push({ field: 'applicant.email', message: '电子邮箱格式不正确' });
  if (opts.needsEmail && !email) out.push({ field: 'applicant.email', message: '选择电子邮件送达时，请填写电子邮箱' });
  if (opts.needsPostalAddress && !a.address?.trim()) out.push({ field: 'applicant.address', message: '选择邮寄送达时，请填写通信地址' });
  if (a.postcode && !/^\d{6}$/.test(a.postcode.trim())) out.push({ field: 'applicant.postcode', message: '邮政编码应为6位数字' });
  return out;
}

/** What may be shown to staff who do not handle the request: the first character of the name. */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return '';
  return n.length <= 1 ? '*' : n[0] + '*'.repeat(Math.min(n.length - 1, 3));
}

/** An identity number with its middle hidden, e.g. 370983********1234. */
export function maskIdNumber(id: string): string {
  if (id.length <= 4) return '*'.repeat(id.length);
  const keep = id.length >= 15 ? 6 : 2;
  return id.slice(0, keep) + '*'.repeat(Math.max(0, id.length - keep - 4)) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  const p = phone.replace(/\s/g, '');
  return p.length >= 7 ? p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4) : '*'.repeat(p.length);
}
