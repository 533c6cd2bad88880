import { createHash, randomBytes } from 'node:crypto';
import type { Actor, AuditLog } from '../../platform/audit/auditLog';
import type { Clock } from '../../platform/time/clock';
import type { Language } from '../../platform/vocabulary';
import type { ConstituencyChoice, ConstituencyDirectory } from './constituencyDirectory';
import { readUnitCsv, type ImportProblem } from './unitCsv';
import type { UnitFields } from './unitFields';
import { planImport, type ImportCheck, type ImportPlan } from './unitImport';
import type { Unit, UnitQuery, UnitRepository } from './unitRepository';
import { detailsFor, writePlan } from './unitWrites';
import { unitLimits, type UnitKind, type UnitRefusal } from './unitVocabulary';
import { checkUnitForm, type UnitFormValues } from './unitForm';

/** A unit as the register's pages show it, in one language. */
export interface UnitLine {
  readonly id: number;
  readonly kind: UnitKind;
  readonly name: string;
  readonly constituencyName: string | null;
  readonly clpName: string | null;
  readonly secretaryName: string;
  readonly secretaryEmail: string;
}

export type UnitWrite =
  { readonly ok: true; readonly id: number } | { readonly ok: false; readonly refusal: UnitRefusal };

/** A checked import waiting for the officer's confirmation, with the token that finds it again. */
export type StagedImport =
  | { readonly ok: true; readonly token: string; readonly plan: ImportPlan }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

export type AppliedImport =
  | { readonly outcome: 'applied'; readonly plan: ImportPlan }
  /** The register changed since the preview: here is what the file would do now. */
  | { readonly outcome: 'changed'; readonly staged: StagedImport }
  /** No such import for this officer, or it waited too long. */
  | { readonly outcome: 'gone' };

/** Who put the content's own units in the register. */
export const shippedContent: Actor = { officerId: null, name: 'shipped content' };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function nameIn(unit: Pick<Unit, 'nameEn' | 'nameCy'>, language: Language): string {
  return language === 'cy' && unit.nameCy !== '' ? unit.nameCy : unit.nameEn;
}

/** The register of units: reading it, keeping it by hand and by import, and erasing a unit. */
export class UnitService {
  constructor(
    private readonly deps: {
      readonly repository: UnitRepository;
      readonly constituencies: ConstituencyDirectory;
      readonly audit: AuditLog;
      readonly clock: Clock;
      /** The units the consultation's content ships with: its CLPs. */
      readonly shipped: readonly UnitFields[];
    },
  ) {}

  /** Every constituency a unit may be in, in the language's alphabetical order. */
  constituencyChoices(language: Language): readonly ConstituencyChoice[] {
    return this.deps.constituencies.choices(language);
  }

  /** Checks the unit form's fields by the rules an import's rows are checked by. */
  checkForm(values: UnitFormValues): ReturnType<typeof checkUnitForm> {
    return checkUnitForm(values, this.deps.constituencies);
  }

  find(id: number): Unit | null {
    return this.deps.repository.findById(id);
  }

  /** Units by kind, constituency or part of a name, for the parts of the portal that name a unit. */
  matching(query: Partial<UnitQuery>): Unit[] {
    return this.deps.repository.matching({
      kind: query.kind ?? null,
      constituency: query.constituency ?? null,
      nameContains: query.nameContains ?? null,
    });
  }

  /** The register's units as a page lists them, in the language's alphabetical order. */
  list(query: Partial<UnitQuery>, language: Language): UnitLine[] {
    const units = this.matching(query);
    const clps = new Map(
      this.deps.repository
        .matching({ kind: 'clp', constituency: null, nameContains: null })
        .map((clp) => [clp.id, clp]),
    );
    const collator = new Intl.Collator(language === 'cy' ? 'cy' : 'en-GB');
    return units
      .map((unit) => this.lineOf(unit, language, clps))
      .sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
  }

  lineOf(unit: Unit, language: Language, clps?: ReadonlyMap<number, Unit>): UnitLine {
    const clp = unit.parentClpId === null ? null : (clps?.get(unit.parentClpId) ?? this.find(unit.parentClpId));
    return {
      id: unit.id,
      kind: unit.kind,
      name: nameIn(unit, language),
      constituencyName:
        unit.constituency === null ? null : this.deps.constituencies.nameOf(unit.constituency, language),
      clpName: clp ? nameIn(clp, language) : null,
      secretaryName: unit.secretaryName,
      secretaryEmail: unit.secretaryEmail,
    };
  }

  add(fields: UnitFields, actor: Actor): UnitWrite {
    const { repository, audit, clock } = this.deps;
    return repository.transaction(() => {
      const details = detailsFor(repository, fields);
      if (typeof details === 'string') return { ok: false, refusal: details };
      if (repository.findByMatchKey(details.matchKey) !== null) {
        return { ok: false, refusal: 'alreadyRegistered' };
      }
      const id = repository.insert(details, clock.now());
      audit.record(actor, 'unit-added', null, `${fields.kind} #${id}: ${fields.nameEn}`);
      return { ok: true, id };
    });
  }

  /** Changes a unit's details; a CLP with branches keeps its constituency, as its branches are in it. */
  update(id: number, fields: UnitFields, actor: Actor): UnitWrite | null {
    const { repository, audit, clock } = this.deps;
    return repository.transaction(() => {
      const unit = repository.findById(id);
      if (unit === null) return null;
      const details = detailsFor(repository, fields);
      if (typeof details === 'string') return { ok: false, refusal: details };
      const movesBranches = unit.kind === 'clp' && (fields.kind !== 'clp' || fields.constituency !== unit.constituency);
      if (movesBranches && repository.branchCountOf(id) > 0) return { ok: false, refusal: 'hasBranches' };
      const holder = repository.findByMatchKey(details.matchKey);
      if (holder !== null && holder.id !== id) return { ok: false, refusal: 'alreadyRegistered' };
      repository.update(id, details, clock.now());
      audit.record(
        actor,
        'unit-changed',
        null,
        `${fields.kind} #${id}: ${fields.nameEn} (${changedFields(unit, fields).join(', ')})`,
      );
      return { ok: true, id };
    });
  }

  /**
   * Erases a unit and its secretary's details. The audit log keeps that it was deleted and its
   * name, never the secretary's. A CLP with branches stays until its branches are gone.
   */
  remove(id: number, actor: Actor): UnitWrite | null {
    const { repository, audit } = this.deps;
    return repository.transaction(() => {
      const unit = repository.findById(id);
      if (unit === null) return null;
      if (unit.kind === 'clp' && repository.branchCountOf(id) > 0) return { ok: false, refusal: 'hasBranches' };
      repository.delete(id);
      audit.record(actor, 'unit-deleted', null, `${unit.kind} #${id}: ${unit.nameEn}`);
      return { ok: true, id };
    });
  }

  /** Checks a file against the rules and the register; changes nothing. */
  checkImport(file: Buffer): ImportCheck {
    const reading = readUnitCsv(file);
    if (!reading.ok) return reading;
    return planImport(reading.rows, this.deps.repository.all(), this.deps.constituencies);
  }

  /** Checks a file and, if it is good, keeps it for the officer's confirmation under a new token. */
  stageImport(file: Buffer, officerId: number): StagedImport {
    const check = this.checkImport(file);
    if (!check.ok) return check;
    const { repository, clock } = this.deps;
    const token = randomBytes(32).toString('base64url');
    repository.transaction(() => {
      this.forgetStaleImports();
      repository.stageImport(hashOf(token), officerId, file.toString('utf8'), clock.now());
    });
    return { ok: true, token, plan: check.plan };
  }

  /**
   * Removes the files of imports never confirmed: they hold secretaries' details, so they are
   * kept no longer than the hour they wait for a confirmation.
   */
  forgetStaleImports(): void {
    this.deps.repository.forgetImportsBefore(
      new Date(this.deps.clock.now().getTime() - unitLimits.stagedImportLifetimeMs),
    );
  }

  private stagedFile(token: string, officerId: number): Buffer | null {
    const notBefore = new Date(this.deps.clock.now().getTime() - unitLimits.stagedImportLifetimeMs);
    const text = this.deps.repository.stagedImport(hashOf(token), officerId, notBefore);
    return text === null ? null : Buffer.from(text, 'utf8');
  }

  /**
   * Applies a staged import in one transaction, if checking it again against the register comes
   * to the plan the officer saw (`digest`); otherwise nothing changes and the new plan is returned.
   */
  applyImport(token: string, digest: string, actor: Actor & { officerId: number }): AppliedImport {
    const { repository, audit, clock } = this.deps;
    return repository.transaction((): AppliedImport => {
      const file = this.stagedFile(token, actor.officerId);
      if (file === null) return { outcome: 'gone' };
      const check = this.checkImport(file);
      if (!check.ok || check.plan.digest !== digest) {
        repository.forgetImport(hashOf(token));
        return { outcome: 'changed', staged: check.ok ? this.restage(file, actor.officerId, check.plan) : check };
      }
      writePlan(repository, check.plan.units, clock.now());
      repository.forgetImport(hashOf(token));
      const { added, updated, unchanged } = check.plan.counts;
      audit.record(actor, 'units-imported', null, `${added} added, ${updated} updated, ${unchanged} unchanged`);
      return { outcome: 'applied', plan: check.plan };
    });
  }

  /**
   * Checks a file and, if it is good, applies it at once in one transaction: for the command
   * line (the demo register), where there is no one to show a preview to.
   */
  importAtOnce(file: Buffer, actor: Actor): ImportCheck {
    const { repository, audit, clock } = this.deps;
    return repository.transaction(() => {
      const check = this.checkImport(file);
      if (!check.ok) return check;
      writePlan(repository, check.plan.units, clock.now());
      const { added, updated, unchanged } = check.plan.counts;
      audit.record(actor, 'units-imported', null, `${added} added, ${updated} updated, ${unchanged} unchanged`);
      return check;
    });
  }

  private restage(file: Buffer, officerId: number, plan: ImportPlan): StagedImport {
    const token = randomBytes(32).toString('base64url');
    this.deps.repository.stageImport(hashOf(token), officerId, file.toString('utf8'), this.deps.clock.now());
    return { ok: true, token, plan };
  }

  /**
   * Puts the content's own units (its CLPs) in the register the first time the server starts on
   * this data, if the register is still empty; never again, so a register the officer empties
   * stays as they left it. Returns how many were added.
   */
  loadShippedUnitsOnce(): number {
    const { repository, audit, clock, shipped } = this.deps;
    return repository.transaction(() => {
      if (repository.shippedUnitsLoaded()) return 0;
      repository.markShippedUnitsLoaded(clock.now());
      if (repository.count() > 0 || shipped.length === 0) return 0;
      const clpsFirst = [
        ...shipped.filter((unit) => unit.kind === 'clp'),
        ...shipped.filter((unit) => unit.kind !== 'clp'),
      ];
      for (const fields of clpsFirst) {
        const details = detailsFor(repository, fields);
        if (typeof details !== 'string') repository.insert(details, clock.now());
      }
      audit.record(shippedContent, 'units-imported', null, `${shipped.length} added, 0 updated, 0 unchanged`);
      return shipped.length;
    });
  }
}

/** Which of a unit's fields an edit changes, by name: never their values, as some are personal data. */
function changedFields(unit: Unit, fields: UnitFields): string[] {
  const before: UnitFields = {
    kind: unit.kind,
    nameEn: unit.nameEn,
    nameCy: unit.nameCy,
    constituency: unit.constituency,
    secretaryName: unit.secretaryName,
    secretaryEmail: unit.secretaryEmail,
  };
  return (Object.keys(before) as (keyof UnitFields)[]).filter((name) => before[name] !== fields[name]);
}
