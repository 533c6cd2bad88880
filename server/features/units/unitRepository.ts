import type { Statement } from 'better-sqlite3';
import type { Db } from '../../platform/db/database';
import { UniqueValueTaken, withNamedConstraints } from '../../platform/db/constraintErrors';
import type { UnitKind } from './unitVocabulary';

/** A unit of the register, as stored. */
export interface Unit {
  readonly id: number;
  readonly kind: UnitKind;
  readonly nameEn: string;
  /** Empty where the unit has no Welsh name of its own. */
  readonly nameCy: string;
  /** A constituency slug; null for a unit not in one constituency. */
  readonly constituency: string | null;
  /** A branch's CLP; null for every other kind. */
  readonly parentClpId: number | null;
  readonly secretaryName: string;
  readonly secretaryEmail: string;
  readonly matchKey: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What is written of a unit: everything but its id and timestamps. */
export type UnitDetails = Omit<Unit, 'id' | 'createdAt' | 'updatedAt'>;

/** Which units to read; null means any. */
export interface UnitQuery {
  readonly kind: UnitKind | null;
  readonly constituency: string | null;
  /** Part of the English or Welsh name, in any case. */
  readonly nameContains: string | null;
}

/** Another unit already has this kind, constituency and name. */
export class UnitAlreadyRegistered extends UniqueValueTaken {}

interface UnitRow {
  id: number;
  kind: UnitKind;
  name_en: string;
  name_cy: string;
  constituency: string | null;
  parent_clp_id: number | null;
  secretary_name: string;
  secretary_email: string;
  match_key: string;
  created_at: string;
  updated_at: string;
}

const columns =
  'id, kind, name_en, name_cy, constituency, parent_clp_id, secretary_name, secretary_email, match_key, created_at, updated_at';

function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    kind: row.kind,
    nameEn: row.name_en,
    nameCy: row.name_cy,
    constituency: row.constituency,
    parentClpId: row.parent_clp_id,
    secretaryName: row.secretary_name,
    secretaryEmail: row.secretary_email,
    matchKey: row.match_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const namedConstraints = { 'units.match_key': UnitAlreadyRegistered };

function detailParams(details: UnitDetails) {
  return {
    kind: details.kind,
    nameEn: details.nameEn,
    nameCy: details.nameCy,
    constituency: details.constituency,
    parentClpId: details.parentClpId,
    secretaryName: details.secretaryName,
    secretaryEmail: details.secretaryEmail,
    matchKey: details.matchKey,
  };
}

/** The register of units, and the imports waiting for an officer's confirmation. */
export class UnitRepository {
  private readonly selectAll: Statement<[], UnitRow>;
  private readonly selectById: Statement<[number], UnitRow>;
  private readonly selectByMatchKey: Statement<[string], UnitRow>;
  private readonly selectMatching: Statement<
    { kind: string | null; constituency: string | null; name: string | null },
    UnitRow
  >;
  private readonly insertUnit: Statement;
  private readonly updateUnit: Statement;
  private readonly deleteUnit: Statement<[number]>;
  private readonly countBranches: Statement<[number], { count: number }>;
  private readonly countUnits: Statement<[], { count: number }>;
  private readonly insertImport: Statement<[string, number, string, string]>;
  private readonly selectImport: Statement<[string, number, string], { csv_text: string }>;
  private readonly deleteImport: Statement<[string]>;
  private readonly deleteOldImports: Statement<[string]>;
  private readonly selectLoaded: Statement<[], { shipped_units_loaded_at: string }>;
  private readonly insertLoaded: Statement<[string]>;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare(`SELECT ${columns} FROM units ORDER BY id`);
    this.selectById = db.prepare(`SELECT ${columns} FROM units WHERE id = ?`);
    this.selectByMatchKey = db.prepare(`SELECT ${columns} FROM units WHERE match_key = ?`);
    this.selectMatching = db.prepare(
      `SELECT ${columns} FROM units
       WHERE (:kind IS NULL OR kind = :kind) AND (:constituency IS NULL OR constituency = :constituency)
         AND (:name IS NULL OR instr(lower(name_en), lower(:name)) > 0 OR instr(lower(name_cy), lower(:name)) > 0)
       ORDER BY id`,
    );
    this.insertUnit = db.prepare(
      `INSERT INTO units (kind, name_en, name_cy, constituency, parent_clp_id, secretary_name, secretary_email, match_key, created_at, updated_at)
       VALUES (:kind, :nameEn, :nameCy, :constituency, :parentClpId, :secretaryName, :secretaryEmail, :matchKey, :at, :at)`,
    );
    this.updateUnit = db.prepare(
      `UPDATE units SET kind = :kind, name_en = :nameEn, name_cy = :nameCy, constituency = :constituency,
         parent_clp_id = :parentClpId, secretary_name = :secretaryName, secretary_email = :secretaryEmail,
         match_key = :matchKey, updated_at = :at
       WHERE id = :id`,
    );
    this.deleteUnit = db.prepare('DELETE FROM units WHERE id = ?');
    this.countBranches = db.prepare('SELECT count(*) AS count FROM units WHERE parent_clp_id = ?');
    this.countUnits = db.prepare('SELECT count(*) AS count FROM units');
    this.insertImport = db.prepare(
      'INSERT INTO unit_imports (token_hash, officer_id, csv_text, created_at) VALUES (?, ?, ?, ?)',
    );
    this.selectImport = db.prepare(
      'SELECT csv_text FROM unit_imports WHERE token_hash = ? AND officer_id = ? AND created_at >= ?',
    );
    this.deleteImport = db.prepare('DELETE FROM unit_imports WHERE token_hash = ?');
    this.deleteOldImports = db.prepare('DELETE FROM unit_imports WHERE created_at < ?');
    this.selectLoaded = db.prepare('SELECT shipped_units_loaded_at FROM unit_register_state WHERE id = 1');
    this.insertLoaded = db.prepare('INSERT INTO unit_register_state (id, shipped_units_loaded_at) VALUES (1, ?)');
  }

  all(): Unit[] {
    return this.selectAll.all().map(toUnit);
  }

  findById(id: number): Unit | null {
    const row = this.selectById.get(id);
    return row ? toUnit(row) : null;
  }

  /** The unit an import or a form would be the same unit as (see matchKeyOf). */
  findByMatchKey(matchKey: string): Unit | null {
    const row = this.selectByMatchKey.get(matchKey);
    return row ? toUnit(row) : null;
  }

  /** The units of a kind, in a constituency, or with part of a name: whichever the query names. */
  matching(query: UnitQuery): Unit[] {
    return this.selectMatching
      .all({ kind: query.kind, constituency: query.constituency, name: query.nameContains })
      .map(toUnit);
  }

  count(): number {
    return this.countUnits.get()!.count;
  }

  branchCountOf(clpId: number): number {
    return this.countBranches.get(clpId)!.count;
  }

  /** Throws UnitAlreadyRegistered when another unit has the same match key. */
  insert(details: UnitDetails, at: Date): number {
    return withNamedConstraints(namedConstraints, () =>
      Number(this.insertUnit.run({ ...detailParams(details), at: at.toISOString() }).lastInsertRowid),
    );
  }

  /** Throws UnitAlreadyRegistered when another unit has the same match key. */
  update(id: number, details: UnitDetails, at: Date): void {
    withNamedConstraints(namedConstraints, () =>
      this.updateUnit.run({ ...detailParams(details), id, at: at.toISOString() }),
    );
  }

  delete(id: number): void {
    this.deleteUnit.run(id);
  }

  stageImport(tokenHash: string, officerId: number, csvText: string, at: Date): void {
    this.insertImport.run(tokenHash, officerId, csvText, at.toISOString());
  }

  /** The file of an import staged by this officer since `notBefore`; null if there is none. */
  stagedImport(tokenHash: string, officerId: number, notBefore: Date): string | null {
    return this.selectImport.get(tokenHash, officerId, notBefore.toISOString())?.csv_text ?? null;
  }

  forgetImport(tokenHash: string): void {
    this.deleteImport.run(tokenHash);
  }

  forgetImportsBefore(before: Date): void {
    this.deleteOldImports.run(before.toISOString());
  }

  shippedUnitsLoaded(): boolean {
    return this.selectLoaded.get() !== undefined;
  }

  markShippedUnitsLoaded(at: Date): void {
    this.insertLoaded.run(at.toISOString());
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
