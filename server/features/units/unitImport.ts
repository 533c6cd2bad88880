import { createHash } from 'node:crypto';
import { checkUnitFields, matchKeyOf, type UnitFields } from './unitFields';
import type { ImportProblem, WrittenRow } from './unitCsv';
import type { Unit } from './unitRepository';
import type { ConstituencyDirectory } from './constituencyDirectory';

export const importChanges = ['added', 'updated', 'unchanged'] as const;
export type ImportChange = (typeof importChanges)[number];

/** One unit of a checked file: what it says, the unit of the register it is, and what applying it changes. */
export interface PlannedUnit {
  readonly line: number;
  readonly fields: UnitFields;
  readonly matchKey: string;
  readonly existing: Unit | null;
  readonly change: ImportChange;
}

export interface ImportPlan {
  readonly units: readonly PlannedUnit[];
  readonly counts: Readonly<Record<ImportChange, number>>;
  /** Identifies the plan: the confirmation applies the file only if checking it again comes to the same. */
  readonly digest: string;
}

export type ImportCheck =
  | { readonly ok: true; readonly plan: ImportPlan }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

const problemKey = (name: string) => `admin.units.import.problems.${name}`;

function sameFields(fields: UnitFields, unit: Unit): boolean {
  return (
    fields.kind === unit.kind &&
    fields.nameEn === unit.nameEn &&
    fields.nameCy === unit.nameCy &&
    fields.constituency === unit.constituency &&
    fields.secretaryName === unit.secretaryName &&
    fields.secretaryEmail === unit.secretaryEmail
  );
}

/**
 * Checks every row of a file against the rules and against the register, and works out what
 * applying it would change. A row is the same unit as one of the register's when their match
 * keys agree (see matchKeyOf), so a file imported again updates its units rather than adding
 * them twice. Units of the register the file leaves out are left as they are.
 */
export function planImport(
  rows: readonly WrittenRow[],
  register: readonly Unit[],
  constituencies: ConstituencyDirectory,
): ImportCheck {
  const problems: ImportProblem[] = [];
  const checked: { line: number; fields: UnitFields; matchKey: string }[] = [];
  const linesByKey = new Map<string, number>();
  for (const { line, written } of rows) {
    const result = checkUnitFields(written, constituencies);
    if (result.fields === null) {
      problems.push(...result.problems.map((problem) => ({ line, ...problem })));
      continue;
    }
    const matchKey = matchKeyOf(result.fields);
    const firstLine = linesByKey.get(matchKey);
    if (firstLine !== undefined) {
      problems.push({
        line,
        column: result.fields.kind === 'clp' ? 'constituency' : 'name_en',
        key: problemKey(result.fields.kind === 'clp' ? 'secondClp' : 'duplicate'),
        values: { otherLine: firstLine },
      });
      continue;
    }
    linesByKey.set(matchKey, line);
    checked.push({ line, fields: result.fields, matchKey });
  }
  const constituenciesWithClp = new Set(
    [
      ...register.filter((unit) => unit.kind === 'clp'),
      ...checked.map(({ fields }) => fields).filter((fields) => fields.kind === 'clp'),
    ].map((clp) => clp.constituency),
  );
  for (const { line, fields } of checked) {
    if (fields.kind === 'branch' && !constituenciesWithClp.has(fields.constituency)) {
      problems.push({
        line,
        column: 'constituency',
        key: problemKey('branchWithoutClp'),
        values: { constituency: constituencies.nameOf(fields.constituency ?? '', 'en') },
      });
    }
  }
  if (problems.length > 0) {
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  const registerByKey = new Map(register.map((unit) => [unit.matchKey, unit]));
  const units = checked.map(({ line, fields, matchKey }): PlannedUnit => {
    const existing = registerByKey.get(matchKey) ?? null;
    const change: ImportChange = existing === null ? 'added' : sameFields(fields, existing) ? 'unchanged' : 'updated';
    return { line, fields, matchKey, existing, change };
  });
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const unit of units) counts[unit.change] += 1;
  const digest = createHash('sha256')
    .update(
      JSON.stringify(units.map((unit) => [unit.matchKey, unit.change, unit.existing?.updatedAt ?? null, unit.fields])),
    )
    .digest('hex');
  return { ok: true, plan: { units, counts, digest } };
}
