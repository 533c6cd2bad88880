import { maxEmailLength } from '../../platform/vocabulary';

/** The kinds of unit in the register, in the order the register offers them. */
export const unitKinds = ['clp', 'branch', 'labour-group', 'affiliate'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The kinds that belong to one constituency: every CLP and branch has one. */
export const constituencyKinds: readonly UnitKind[] = ['clp', 'branch'];

/** The columns of the register's CSV file, in the order the portal writes them. */
export const unitCsvColumns = [
  'kind',
  'name_en',
  'name_cy',
  'constituency',
  'secretary_name',
  'secretary_email',
] as const;
export type UnitCsvColumn = (typeof unitCsvColumns)[number];

export const unitLimits = {
  maxNameLength: 200,
  maxEmailLength,
  /** A register of several thousand units is far under this. */
  maxImportBytes: 2 * 1024 * 1024,
  maxImportRows: 20_000,
  /** How long a checked import waits for the officer's confirmation. */
  stagedImportLifetimeMs: 60 * 60 * 1000,
} as const;

/** Why the register would not keep a unit's details as they are. */
export type UnitRefusal = 'alreadyRegistered' | 'noClp' | 'hasBranches';

/** The register's words as its templates read them: a template never writes these lists out itself. */
export const unitViewVocabulary = { unitKinds, unitCsvColumns, constituencyKinds } as const;
