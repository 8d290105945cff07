// The kinds of unit a government's tree holds.
export const UNIT_KINDS = [
  'government',
  'office',
  'open_gov_office',
  'department',
  'township',
  'street',
  'development_zone',
  'village',
  'community',
  'vertical',
  'institution',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
