import type { Actor } from '../../server/platform/audit/auditLog';
import type { Officer } from '../../server/features/accounts/officerRepository';
import { addOfficer, officerEmail } from '../support/officer';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { smallRegister, unitCsv } from '../support/unitFiles';

let portal: TestPortal;
let officer: Officer;
let actor: Actor & { officerId: number };

beforeEach(async () => {
  portal = createTestPortal();
  await addOfficer(portal);
  officer = portal.services.officers.list().find((account) => account.email === officerEmail)!;
  actor = { ...portal.services.officers.actorFor(officer), officerId: officer.id };
});
afterEach(() => portal.close());

const units = () => portal.services.units;
const auditActions = () =>
  portal.services.audit
    .page({ officerId: null, action: null, fromDay: null, toDay: null })
    .map((entry) => entry.action);

/** Stages a file and applies it as the officer would, after the preview. */
function importFile(file: Buffer) {
  const staged = units().stageImport(file, officer.id);
  if (!staged.ok) throw new Error(`The file was refused: ${JSON.stringify(staged.problems)}`);
  return units().applyImport(staged.token, staged.plan.digest, actor);
}

function problemsOf(file: Buffer) {
  const check = units().checkImport(file);
  if (check.ok) throw new Error('The file was accepted');
  return check.problems.map(({ line, column, key }) => ({ line, column, key: key.split('.').pop() }));
}

describe('importing the register', () => {
  test('a good file is previewed, changes nothing until applied, then adds every unit with branches under their CLP', () => {
    const staged = units().stageImport(smallRegister, officer.id);
    if (!staged.ok) throw new Error('refused');
    expect(staged.plan.counts).toEqual({ added: 6, updated: 0, unchanged: 0 });
    expect(units().matching({})).toEqual([]);

    expect(units().applyImport(staged.token, staged.plan.digest, actor).outcome).toBe('applied');
    const [cardiffNorth] = units().matching({ kind: 'clp', constituency: 'cardiff-north' });
    const [heath] = units().matching({ kind: 'branch', nameContains: 'heath' });
    expect(cardiffNorth).toMatchObject({ nameEn: 'Cardiff North CLP', nameCy: 'CLP Gogledd Caerdydd' });
    expect(heath).toMatchObject({
      constituency: 'cardiff-north',
      parentClpId: cardiffNorth!.id,
      secretaryEmail: 'rhys.evans@example.org',
    });
    expect(
      units()
        .matching({ constituency: 'gower' })
        .map((unit) => unit.nameEn)
        .sort(),
    ).toEqual(['Gorseinon Branch', 'Gower CLP']);
    expect(units().matching({ kind: 'affiliate' })[0]).toMatchObject({
      nameEn: 'Unite Wales',
      constituency: null,
      parentClpId: null,
    });
    const entry = portal.services.audit.page({
      officerId: null,
      action: 'units-imported',
      fromDay: null,
      toDay: null,
    })[0];
    expect(entry).toMatchObject({ officerId: officer.id, detail: '6 added, 0 updated, 0 unchanged' });

    // Applied once: the same confirmation cannot apply it again.
    expect(units().applyImport(staged.token, staged.plan.digest, actor).outcome).toBe('gone');
  });

  test('re-importing updates the units it matches and adds none twice, whatever the case and spacing of names', () => {
    importFile(smallRegister);
    const before = units().matching({});
    const reimport = unitCsv(
      'CLP,Cardiff North Labour Party,CLP Gogledd Caerdydd,cardiff-north,Ann Jones,new.secretary@example.org',
      'Branch,heath  and birchgrove branch,Cangen y Waun Ddyfal a Birchgrove,Cardiff North,Rhys Evans,rhys.evans@example.org',
      'clp,Gower CLP,CLP Gŵyr,gower,Sian Morgan,sian.morgan@example.org',
      'branch,Penclawdd Branch,Cangen Penclawdd,gower,,',
    );
    const check = units().checkImport(reimport);
    if (!check.ok) throw new Error('refused');
    expect(check.plan.counts).toEqual({ added: 1, updated: 2, unchanged: 1 });
    expect(importFile(reimport).outcome).toBe('applied');

    const after = units().matching({});
    expect(after).toHaveLength(before.length + 1);
    const cardiffNorth = after.find((unit) => unit.constituency === 'cardiff-north' && unit.kind === 'clp')!;
    expect(cardiffNorth.id).toBe(before.find((unit) => unit.matchKey === cardiffNorth.matchKey)!.id);
    expect(cardiffNorth).toMatchObject({
      nameEn: 'Cardiff North Labour Party',
      secretaryEmail: 'new.secretary@example.org',
    });
    // Units the file leaves out stay as they were.
    expect(after.find((unit) => unit.kind === 'affiliate')).toEqual(before.find((unit) => unit.kind === 'affiliate'));

    // The same file again changes nothing.
    const again = units().checkImport(reimport);
    expect(again.ok && again.plan.counts).toEqual({ added: 0, updated: 0, unchanged: 4 });
  });

  test('a branch may name a CLP that is already in the register rather than in the file', () => {
    importFile(smallRegister);
    expect(importFile(unitCsv('branch,Whitchurch Branch,Cangen yr Eglwys Newydd,cardiff-north,,')).outcome).toBe(
      'applied',
    );
    expect(units().matching({ constituency: 'cardiff-north', kind: 'branch' })).toHaveLength(2);
  });

  test('each kind of bad row is reported by line and column, and nothing changes', () => {
    const bad = unitCsv(
      'clp,Cardiff North CLP,CLP Gogledd Caerdydd,cardiff-north,Ann Jones,ann.jones@example.org',
      'party,Somewhere,,cardiff-north,,',
      ',No Kind,,,,',
      'branch,,,cardiff-north,,',
      'branch,Heath Branch,,Atlantis,,',
      'clp,Nowhere CLP,,,,',
      'branch,Sketty Branch,Cangen Sgeti,swansea-west,,',
      'affiliate,GMB,,,Someone,not-an-address',
      'branch,Heath Branch,,cardiff-north,,',
      'branch,heath branch,,Cardiff North,,',
      'clp,Second Cardiff North CLP,,cardiff-north,,',
    );
    expect(problemsOf(bad)).toEqual([
      { line: 3, column: 'kind', key: 'kindUnknown' },
      { line: 4, column: 'kind', key: 'kindMissing' },
      { line: 5, column: 'name_en', key: 'nameEnMissing' },
      { line: 6, column: 'constituency', key: 'constituencyUnknown' },
      { line: 7, column: 'constituency', key: 'constituencyMissing' },
      { line: 8, column: 'constituency', key: 'branchWithoutClp' },
      { line: 9, column: 'secretary_email', key: 'emailInvalid' },
      { line: 11, column: 'name_en', key: 'duplicate' },
      { line: 12, column: 'constituency', key: 'secondClp' },
    ]);
    expect(units().stageImport(bad, officer.id).ok).toBe(false);
    expect(units().matching({})).toEqual([]);
    expect(auditActions()).not.toContain('units-imported');
  });

  test('wrong or missing columns, rows of the wrong length, and files that are not CSV text are refused', () => {
    expect(problemsOf(Buffer.from('kind,name,constituency\nclp,Gower CLP,gower\n'))).toEqual([
      { line: 1, column: 'name', key: 'unknownColumn' },
      { line: 1, column: 'name_en', key: 'missingColumn' },
      { line: 1, column: 'name_cy', key: 'missingColumn' },
      { line: 1, column: 'secretary_name', key: 'missingColumn' },
      { line: 1, column: 'secretary_email', key: 'missingColumn' },
    ]);
    expect(problemsOf(unitCsv('clp,Gower CLP,CLP Gŵyr,gower,,', 'clp,Neath CLP,gower'))).toEqual([
      { line: 3, column: null, key: 'fieldCount' },
    ]);
    expect(problemsOf(unitCsv('clp,"Gower CLP,CLP Gŵyr,gower,,'))).toEqual([
      { line: null, column: null, key: 'quoteNotClosed' },
    ]);
    // A spreadsheet's own file (a zip), a PDF, and nothing at all.
    expect(problemsOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0xfe]))).toEqual([
      { line: null, column: null, key: 'notText' },
    ]);
    expect(problemsOf(Buffer.from('%PDF-1.7\n\u0000\u0001binary'))).toEqual([
      { line: null, column: null, key: 'notText' },
    ]);
    expect(problemsOf(Buffer.alloc(0))).toEqual([{ line: null, column: null, key: 'empty' }]);
    expect(problemsOf(unitCsv())).toEqual([{ line: null, column: null, key: 'noRows' }]);
  });

  test('a file saved with a byte order mark and column names in another case reads the same', () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Kind,Name EN,Name CY,Constituency,Secretary Name,Secretary Email\nclp,Gower CLP,CLP Gŵyr,gower,,\n'),
    ]);
    const check = units().checkImport(file);
    expect(check.ok && check.plan.counts.added).toBe(1);
  });

  test('if the register changes between the preview and the confirmation, nothing is applied and the new preview is shown', () => {
    const staged = units().stageImport(smallRegister, officer.id);
    if (!staged.ok) throw new Error('refused');
    units().add(
      { kind: 'clp', nameEn: 'Gower CLP', nameCy: '', constituency: 'gower', secretaryName: '', secretaryEmail: '' },
      actor,
    );
    const applied = units().applyImport(staged.token, staged.plan.digest, actor);
    expect(applied.outcome).toBe('changed');
    expect(applied.outcome === 'changed' && applied.staged.ok && applied.staged.plan.counts).toEqual({
      added: 5,
      updated: 1,
      unchanged: 0,
    });
    expect(units().matching({})).toHaveLength(1);
  });

  test('a checked file waits an hour for the confirmation, and is then removed with the secretaries it holds', () => {
    const staged = units().stageImport(smallRegister, officer.id);
    if (!staged.ok) throw new Error('refused');
    portal.clock.time = new Date(portal.clock.time.getTime() + 61 * 60 * 1000);
    expect(units().applyImport(staged.token, staged.plan.digest, actor).outcome).toBe('gone');
    units().forgetStaleImports();
    expect(portal.db.prepare('SELECT count(*) AS count FROM unit_imports').get()).toEqual({ count: 0 });
    expect(units().matching({})).toEqual([]);
  });

  test('another officer cannot apply an import this officer checked', async () => {
    await addOfficer(portal, 'second.officer@example.org');
    const second = portal.services.officers.list().find((account) => account.email === 'second.officer@example.org')!;
    const staged = units().stageImport(smallRegister, officer.id);
    if (!staged.ok) throw new Error('refused');
    const applied = units().applyImport(staged.token, staged.plan.digest, {
      ...portal.services.officers.actorFor(second),
      officerId: second.id,
    });
    expect(applied.outcome).toBe('gone');
    expect(units().matching({})).toEqual([]);
  });
});

describe('keeping the register by hand', () => {
  const gowerClp = {
    kind: 'clp',
    nameEn: 'Gower CLP',
    nameCy: 'CLP Gŵyr',
    constituency: 'gower',
    secretaryName: 'Sian Morgan',
    secretaryEmail: 'sian@example.org',
  } as const;

  test("adding, editing and deleting a unit is audited, and the audit keeps no secretary's details", () => {
    const added = units().add(gowerClp, actor);
    if (!added.ok) throw new Error('refused');
    const branch = units().add(
      { ...gowerClp, kind: 'branch', nameEn: 'Gorseinon Branch', nameCy: 'Cangen Gorseinon' },
      actor,
    );
    if (!branch.ok) throw new Error('refused');
    expect(units().find(branch.id)).toMatchObject({ parentClpId: added.id });

    expect(
      units().update(
        branch.id,
        {
          ...gowerClp,
          kind: 'branch',
          nameEn: 'Gorseinon Branch',
          nameCy: 'Cangen Gorseinon',
          secretaryEmail: 'new@example.org',
        },
        actor,
      ),
    ).toEqual({ ok: true, id: branch.id });
    expect(units().find(branch.id)!.secretaryEmail).toBe('new@example.org');

    // A CLP with branches is kept until its branches are gone.
    expect(units().remove(added.id, actor)).toEqual({ ok: false, refusal: 'hasBranches' });
    expect(units().remove(branch.id, actor)).toEqual({ ok: true, id: branch.id });
    expect(units().remove(added.id, actor)).toEqual({ ok: true, id: added.id });
    expect(units().matching({})).toEqual([]);

    const entries = portal.services.audit.page({ officerId: officer.id, action: null, fromDay: null, toDay: null });
    expect(entries.map((entry) => entry.action)).toEqual(
      ['unit-deleted', 'unit-deleted', 'unit-changed', 'unit-added', 'unit-added', 'signed-in'].slice(
        0,
        entries.length,
      ),
    );
    expect(entries.find((entry) => entry.action === 'unit-changed')!.detail).toContain('secretaryEmail');
    const everything = JSON.stringify(entries);
    expect(everything).not.toContain('sian@example.org');
    expect(everything).not.toContain('new@example.org');
    expect(everything).not.toContain('Sian Morgan');
    // Erased with the unit: no row anywhere keeps the secretary's details.
    const tables = portal.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      expect(JSON.stringify(portal.db.prepare(`SELECT * FROM "${name}"`).all())).not.toContain('sian@example.org');
    }
  });

  test('a second unit with the same key, or a branch with no CLP, is refused', () => {
    units().add(gowerClp, actor);
    expect(units().add({ ...gowerClp, nameEn: 'Another Gower CLP' }, actor)).toEqual({
      ok: false,
      refusal: 'alreadyRegistered',
    });
    expect(units().add({ ...gowerClp, kind: 'branch', constituency: 'neath', nameEn: 'Skewen Branch' }, actor)).toEqual(
      { ok: false, refusal: 'noClp' },
    );
  });

  test('the list is in English or Welsh alphabetical order', () => {
    for (const [nameEn, nameCy] of [
      ['Llanelli Branch', 'Cangen Llanelli'],
      ['Chepstow Branch', 'Cangen Cas-gwent'],
      ['Cardiff Labour Group', 'Grŵp Llafur Caerdydd'],
      ['Lampeter Group', 'Grŵp Llanbed'],
      ['Lliw Valley Group', 'Grŵp Lliw'],
    ] as const) {
      units().add(
        { kind: 'labour-group', nameEn, nameCy, constituency: null, secretaryName: '', secretaryEmail: '' },
        actor,
      );
    }
    units().add(
      {
        kind: 'affiliate',
        nameEn: 'Lolfa Society',
        nameCy: 'Cymdeithas Lolfa',
        constituency: null,
        secretaryName: '',
        secretaryEmail: '',
      },
      actor,
    );
    units().add(
      {
        kind: 'affiliate',
        nameEn: 'Llafur Society',
        nameCy: 'Llafur',
        constituency: null,
        secretaryName: '',
        secretaryEmail: '',
      },
      actor,
    );
    units().add(
      {
        kind: 'affiliate',
        nameEn: 'Lab Society',
        nameCy: 'Labordy',
        constituency: null,
        secretaryName: '',
        secretaryEmail: '',
      },
      actor,
    );
    expect(
      units()
        .list({ kind: 'affiliate' }, 'en')
        .map((line) => line.name),
    ).toEqual(['Lab Society', 'Llafur Society', 'Lolfa Society']);
    // In Welsh, ll is a letter of its own, after l.
    expect(
      units()
        .list({ kind: 'affiliate' }, 'cy')
        .map((line) => line.name),
    ).toEqual(['Cymdeithas Lolfa', 'Labordy', 'Llafur']);
  });

  test('the content ships the 40 CLPs, which the register takes once, when it is empty', () => {
    expect(units().loadShippedUnitsOnce()).toBe(40);
    const clps = units().matching({ kind: 'clp' });
    expect(clps).toHaveLength(40);
    expect(new Set(clps.map((clp) => clp.constituency)).size).toBe(40);
    expect(clps.find((clp) => clp.constituency === 'cardiff-north')).toMatchObject({
      nameEn: 'Cardiff North CLP',
      nameCy: 'CLP Gogledd Caerdydd',
    });
    for (const clp of clps) units().remove(clp.id, actor);
    expect(units().loadShippedUnitsOnce()).toBe(0);
    expect(units().matching({})).toEqual([]);
  });
});
