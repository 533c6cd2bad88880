import { matchKeyOf, type UnitFields } from './unitFields';
import type { PlannedUnit } from './unitImport';
import type { UnitDetails, UnitRepository } from './unitRepository';
import type { UnitRefusal } from './unitVocabulary';

/** What the register keeps of a unit's fields: a branch with its constituency's CLP, and the key that matches it on re-import. */
export function detailsFor(repository: UnitRepository, fields: UnitFields): UnitDetails | UnitRefusal {
  let parentClpId: number | null = null;
  if (fields.kind === 'branch') {
    const [clp] = repository.matching({ kind: 'clp', constituency: fields.constituency, nameContains: null });
    if (!clp) return 'noClp';
    parentClpId = clp.id;
  }
  return { ...fields, parentClpId, matchKey: matchKeyOf(fields) };
}

/** Writes a checked import's changes, CLPs first so that each branch finds its CLP. Inside the caller's transaction. */
export function writePlan(repository: UnitRepository, units: readonly PlannedUnit[], at: Date): void {
  const changed = units.filter((unit) => unit.change !== 'unchanged');
  const clpsFirst = [
    ...changed.filter((unit) => unit.fields.kind === 'clp'),
    ...changed.filter((unit) => unit.fields.kind !== 'clp'),
  ];
  for (const unit of clpsFirst) {
    const details = detailsFor(repository, unit.fields);
    // planImport found a CLP for every branch, in the file or the register, in this same transaction.
    if (typeof details === 'string') throw new Error(`The import's branch on line ${unit.line} has no CLP.`);
    if (unit.existing === null) repository.insert(details, at);
    else repository.update(unit.existing.id, details, at);
  }
}
