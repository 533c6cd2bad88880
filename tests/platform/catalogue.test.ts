import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import en from '../../server/platform/i18n/en.json';
import { createCatalogue } from '../../server/platform/i18n/catalogue';

type Catalogue = { [key: string]: string | Catalogue };

/** A key, or for a key built in code ('admin.channels.' + channel) the group it is built in. */
function hasKey(catalogue: Catalogue, key: string): boolean {
  const parts = key.replace(/\.$/, '').split('.');
  let node: string | Catalogue | undefined = catalogue;
  for (const [index, part] of parts.entries()) {
    if (typeof node !== 'object') return false;
    const last = index === parts.length - 1;
    // i18next's plural forms: "count_one", "count_other" stand for "count".
    node = node[part] ?? (last ? (node[`${part}_one`] ?? node[`${part}_other`]) : undefined);
  }
  return node !== undefined;
}

function filesUnder(folder: string, extensions: string[]): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test('every message key the views and the code name is in the catalogue', () => {
  const sources = [
    ...filesUnder(path.join(projectRoot, 'views'), ['.ejs']),
    ...filesUnder(path.join(projectRoot, 'server'), ['.ts']),
  ];
  const missing: string[] = [];
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [, key] of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
      if (!hasKey(en, key!)) missing.push(`${path.relative(projectRoot, file)}: ${key}`);
    }
    for (const [, key] of text.matchAll(/key: '((?:respond|admin|errors)\.[\w.-]+)'/g)) {
      if (!hasKey(en, key!)) missing.push(`${path.relative(projectRoot, file)}: ${key}`);
    }
  }
  expect(missing).toEqual([]);
});

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

const welshPluralForms = ['zero', 'one', 'two', 'few', 'many', 'other'];
const placeholders = (text: string) => (text.match(/{{\w+}}/g) ?? []).sort().join(' ');

test('the Welsh catalogue has every English message, every Welsh plural form, and the same placeholders', () => {
  const english = flatten(en);
  const welsh = flatten(
    JSON.parse(fs.readFileSync(path.join(projectRoot, 'server', 'platform', 'i18n', 'cy.json'), 'utf8')) as Catalogue,
  );
  const expectedKeys = new Set<string>();
  for (const key of english.keys()) {
    const plural = /^(.*)_(one|other)$/.exec(key);
    if (plural) for (const form of welshPluralForms) expectedKeys.add(`${plural[1]}_${form}`);
    else expectedKeys.add(key);
  }
  expect([...expectedKeys].filter((key) => !welsh.has(key))).toEqual([]);
  expect([...welsh.keys()].filter((key) => !expectedKeys.has(key))).toEqual([]);
  const mismatched = [...english].filter(
    ([key, text]) => welsh.has(key) && placeholders(text) !== placeholders(welsh.get(key)!),
  );
  expect(mismatched.map(([key]) => key)).toEqual([]);
  // Nothing left in English by mistake: a Welsh message identical to a long English one is suspicious.
  const untranslated = [...english].filter(([key, text]) => text.length > 25 && welsh.get(key) === text);
  expect(untranslated.map(([key]) => key)).toEqual([]);
});

test('the Welsh is free of the slips a Welsh reader found: unmutated words, English times and English word order', () => {
  const welshFiles = [
    path.join(projectRoot, 'server', 'platform', 'i18n', 'cy.json'),
    ...filesUnder(path.join(projectRoot, 'content'), ['.cy.yaml']),
  ];
  const slips = [
    /Gower CLP/,
    /ffeil testun/,
    /ffeil llai/,
    /neu rhannwch/,
    /e-bost i {{/,
    /\d(am|pm)\b/,
    /llinell pwnc/,
    /hidlwyr/,
    /"Methu mewngofnodi/,
    /[Ll]awrlwytho|[Ll]anlwytho/,
    /neu teipiwch/,
    /neu dewiswch/,
    // "un dderbynneb": a feminine noun mutates after "un".
    /_one": "[^"]*{{count}} derbynneb/,
    // None is "dim ymatebion", not "0 ymateb".
    /_zero": "[^"]*{{count}} ymateb newydd/,
  ];
  const found = welshFiles.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return slips.filter((slip) => slip.test(text)).map((slip) => `${path.relative(projectRoot, file)}: ${slip}`);
  });
  expect(found).toEqual([]);
});

test('a quantity is written as the language writes numbers and sizes; standing values fill what a caller leaves empty', () => {
  const catalogue = createCatalogue({ maxTag: { amount: 40 }, maxNote: { amount: 10_000 } });
  for (const language of ['en', 'cy'] as const) {
    const t = catalogue.translatorFor(language);
    expect(t('admin.submission.errors.noteTooLong')).toContain('10,000');
    expect(t('admin.submission.errors.tagTooLong', { tag: 'x' })).toContain('40');
    expect(t('admin.submission.errors.noteTooLong', { maxNote: { amount: 2500 } })).toContain('2,500');
  }
  expect(
    catalogue.translatorFor('en')('respond.errors.reports.tooLarge', {
      fileName: 'a.pdf',
      maxReportSize: { bytes: 10 * 1024 * 1024 },
    }),
  ).toBe('a.pdf is larger than 10 MB: attach a smaller file, or split it into parts');
  // A plain number is put in digit for digit.
  expect(catalogue.translatorFor('en')('respond.errors.answer.tooLong', { max: 50_000 })).toContain(
    'must be 50000 characters',
  );
});
