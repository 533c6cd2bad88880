import { unitCsvColumns, type UnitCsvColumn } from '../units';
import type { Consultation } from '../../consultation/consultation';
import { firstNames, surnames } from './demoPeople';
import { affiliates, branchesByConstituency, councils } from './demoUnitNames';

/** A unit as the register's CSV file writes it. */
export type DemoUnit = Readonly<Record<UnitCsvColumn, string>>;

/** "Siân" as it goes in an email address: sian. */
const inAddress = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();

/** A made-up secretary for the nth unit, with an example.org address no real person has. */
function secretary(n: number): Pick<DemoUnit, 'secretary_name' | 'secretary_email'> {
  const first = firstNames[(n * 7) % firstNames.length]!;
  const last = surnames[(n * 11) % surnames.length]!;
  return {
    secretary_name: `${first} ${last}`,
    secretary_email: `${inAddress(first)}.${inAddress(last)}.${n}@example.org`,
  };
}

/** "y Fenni" is "Y Fenni" at the start of a name: Welsh writes the article in lower case only inside one. */
const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * A realistic register for a demonstration: the consultation's CLPs (one a constituency), three
 * branches in each, a Labour Group on each council, and the affiliated unions and socialist
 * societies, each with a made-up secretary. Every fifth branch has no secretary recorded yet.
 */
export function demoUnits(
  consultation: Pick<Consultation, 'constituencies'>,
  welsh: Pick<Consultation, 'constituencies'>,
): DemoUnit[] {
  const welshNames = new Map(welsh.constituencies.map(({ slug, name }) => [slug, name]));
  const units: DemoUnit[] = [];
  const add = (unit: Omit<DemoUnit, 'secretary_name' | 'secretary_email'>, withSecretary = true) =>
    units.push({
      ...unit,
      ...(withSecretary ? secretary(units.length + 1) : { secretary_name: '', secretary_email: '' }),
    });
  for (const { slug, name } of consultation.constituencies) {
    add({ kind: 'clp', name_en: `${name} CLP`, name_cy: `CLP ${welshNames.get(slug) ?? name}`, constituency: slug });
    (branchesByConstituency[slug] ?? []).forEach(([english, cymraeg], index) => {
      add(
        { kind: 'branch', name_en: `${english} Branch`, name_cy: `Cangen ${cymraeg}`, constituency: slug },
        (units.length + index) % 5 !== 0,
      );
    });
  }
  for (const [english, cymraeg] of councils) {
    add({
      kind: 'labour-group',
      name_en: `${english} Labour Group`,
      name_cy: `Grŵp Llafur ${capitalised(cymraeg)}`,
      constituency: '',
    });
  }
  for (const [english, cymraeg] of affiliates)
    add({ kind: 'affiliate', name_en: english, name_cy: cymraeg, constituency: '' });
  return units;
}

/** The demo register as the CSV file an officer would import. */
export function demoUnitsCsv(units: readonly DemoUnit[]): string {
  const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return (
    [
      unitCsvColumns.join(','),
      ...units.map((unit) => unitCsvColumns.map((column) => quoted(unit[column])).join(',')),
    ].join('\r\n') + '\r\n'
  );
}
