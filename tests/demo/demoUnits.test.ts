import { commandLine } from '../../server/platform/audit/auditLog';
import { demoUnits, demoUnitsCsv } from '../../server/features/demo/demoUnits';
import { createTestPortal } from '../support/testPortal';

test('the demo register has every CLP, three branches in each, a Labour Group a council and the affiliates, and imports cleanly once', () => {
  const portal = createTestPortal();
  try {
    const { units, consultations } = portal.services;
    const file = Buffer.from(demoUnitsCsv(demoUnits(consultations.en, consultations.cy)));
    const first = units.importAtOnce(file, commandLine);
    expect(first.ok && first.plan.counts).toEqual({ added: 40 + 120 + 22 + 16, updated: 0, unchanged: 0 });
    const again = units.importAtOnce(file, commandLine);
    expect(again.ok && again.plan.counts).toEqual({ added: 0, updated: 0, unchanged: 198 });

    for (const clp of units.matching({ kind: 'clp' })) {
      expect(
        units
          .matching({ kind: 'branch', constituency: clp.constituency! })
          .every((branch) => branch.parentClpId === clp.id),
      ).toBe(true);
    }
    expect(units.matching({ kind: 'branch', nameContains: 'Canton' })[0]).toMatchObject({
      nameCy: 'Cangen Treganna',
      constituency: 'cardiff-west',
    });
    expect(units.matching({ kind: 'branch', nameContains: 'Abergavenny' })[0]!.nameCy).toBe('Cangen y Fenni');
    expect(units.matching({ kind: 'labour-group', nameContains: 'Vale of Glamorgan' })[0]!.nameCy).toBe(
      'Grŵp Llafur Bro Morgannwg',
    );
    const secretaries = units
      .matching({})
      .map((unit) => unit.secretaryEmail)
      .filter(Boolean);
    expect(secretaries.length).toBeGreaterThan(150);
    expect(secretaries.every((address) => address.endsWith('@example.org'))).toBe(true);
  } finally {
    portal.close();
  }
});
