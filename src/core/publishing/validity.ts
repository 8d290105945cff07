// 有效性 of normative documents: valid / amended (by a later record) / repealed / expired. The library of
// currently valid normative documents and the periodic clean-up (清理) list are built on these rules.

export const VALIDITIES = ['valid', 'amended', 'repealed', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];

export const VALIDITY_LABELS: Record<Validity, string> = {
  valid: '有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

export interface ValidityState {
  validity: Validity;
  effectiveOn: string | null;
  /** 有效期至: after this date a valid document has expired by itself. */
  expiresOn: string | null;
  changedOn: string | null;
  amendedById: string | null;
}

export interface ValidityChange {
  validity: Validity;
  on: string;
  amendedById?: string | null;
  note?: string | null;
}

/** The validity on a given day: a valid document past its 有效期 has expired even if nobody said so yet. */
export function validityOn(state: ValidityState, day: string): Validity {
  if (state.validity === 'valid' && state.expiresOn && day > state.expiresOn) return 'expired';
  return state.validity;
}

export function validityChangeProblem(current: ValidityState, change: ValidityChange, opts: { writtenOn: string | null }): string | null {
  if (change.validity === 'amended' && !change.amendedById) return '“已修改”须关联修改它的文件（amendedById）';
  if (change.validity !== 'amended' && change.amendedById) return '只有“已修改”才关联修改文件';
  if (opts.writtenOn && change.on < opts.writtenOn) return `有效性变更日期 ${change.on} 早于成文日期 ${opts.writtenOn}`;
  if (current.validity === 'repealed' && change.validity !== 'repealed') return '已废止的文件不能恢复有效；如需恢复，请重新制发';
  if (current.validity === change.validity && change.validity !== 'amended') return `该文件已是“${VALIDITY_LABELS[change.validity]}”`;
  return null;
}
