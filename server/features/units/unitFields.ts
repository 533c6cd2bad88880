import { z } from 'zod';
import { constituencyKinds, unitKinds, unitLimits, type UnitCsvColumn, type UnitKind } from './unitVocabulary';
import type { ConstituencyDirectory } from './constituencyDirectory';

/** A unit's details as an officer or a file gives them, checked: what the register keeps of it. */
export interface UnitFields {
  readonly kind: UnitKind;
  readonly nameEn: string;
  readonly nameCy: string;
  readonly constituency: string | null;
  readonly secretaryName: string;
  readonly secretaryEmail: string;
}

/** A unit's fields as written, one string each, by the CSV's column names. */
export type WrittenUnit = Readonly<Record<UnitCsvColumn, string>>;

/** A problem with one field, by its column name, told by its catalogue key. */
export interface UnitFieldProblem {
  readonly column: UnitCsvColumn;
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

const errorKey = (name: string) => `admin.units.errors.${name}`;

/** "Labour Group", "labour_group" and "LABOUR-GROUP" are all the kind labour-group. */
export function kindFrom(written: string): UnitKind | null {
  const word = written
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const kind = word === 'affiliated-organisation' ? 'affiliate' : word;
  return (unitKinds as readonly string[]).includes(kind) ? (kind as UnitKind) : null;
}

const text = (maxLength: number, tooLongKey: string) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(z.string().max(maxLength, errorKey(tooLongKey)));

const writtenUnit = z.object({
  kind: z.string(),
  name_en: text(unitLimits.maxNameLength, 'nameTooLong').pipe(z.string().min(1, errorKey('nameEnMissing'))),
  name_cy: text(unitLimits.maxNameLength, 'nameTooLong'),
  constituency: z.string().trim(),
  secretary_name: text(unitLimits.maxNameLength, 'nameTooLong'),
  secretary_email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(
      z.union([
        z.literal(''),
        z.email(errorKey('emailInvalid')).max(unitLimits.maxEmailLength, errorKey('emailInvalid')),
      ]),
    ),
});

/**
 * Checks a unit's fields as written: its kind is one of the register's, it has an English name,
 * its constituency is one of the consultation's (and given for a CLP or a branch), and its
 * secretary's email, if any, is an address. Every problem is returned, each by its column.
 */
export function checkUnitFields(
  written: WrittenUnit,
  constituencies: ConstituencyDirectory,
): { fields: UnitFields; problems: readonly [] } | { fields: null; problems: readonly UnitFieldProblem[] } {
  const problems: UnitFieldProblem[] = [];
  const parsed = writtenUnit.safeParse(written);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const values = issue.code === 'too_big' ? { max: Number(issue.maximum) } : undefined;
      problems.push({ column: issue.path[0] as UnitCsvColumn, key: issue.message, ...(values ? { values } : {}) });
    }
  }
  const kind = kindFrom(written.kind);
  if (kind === null)
    problems.push({ column: 'kind', key: errorKey(written.kind.trim() ? 'kindUnknown' : 'kindMissing') });
  const writtenConstituency = written.constituency.trim();
  const constituency = writtenConstituency === '' ? null : constituencies.slugFor(writtenConstituency);
  if (writtenConstituency !== '' && constituency === null) {
    problems.push({
      column: 'constituency',
      key: errorKey('constituencyUnknown'),
      values: { written: writtenConstituency },
    });
  } else if (constituency === null && kind !== null && constituencyKinds.includes(kind)) {
    problems.push({ column: 'constituency', key: errorKey('constituencyMissing') });
  }
  if (problems.length > 0 || !parsed.success || kind === null) return { fields: null, problems };
  const { name_en, name_cy, secretary_name, secretary_email } = parsed.data;
  return {
    fields: {
      kind,
      nameEn: name_en,
      nameCy: name_cy,
      constituency,
      secretaryName: secretary_name,
      secretaryEmail: secretary_email,
    },
    problems: [],
  };
}

/** A name as the register compares names: "Canton  Branch" and "canton branch" are one. */
function comparableName(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('en-GB')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * What makes a unit the same unit on the next import: a constituency has one CLP, whatever it is
 * called; any other unit is its kind, its constituency (if any) and its English name.
 */
export function matchKeyOf(fields: Pick<UnitFields, 'kind' | 'nameEn' | 'constituency'>): string {
  if (fields.kind === 'clp') return `clp|${fields.constituency ?? ''}`;
  return `${fields.kind}|${fields.constituency ?? ''}|${comparableName(fields.nameEn)}`;
}
