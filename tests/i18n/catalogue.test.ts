import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import en from '../../server/i18n/en.json';

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
  const sources = [...filesUnder(path.join(projectRoot, 'views'), ['.ejs']), ...filesUnder(path.join(projectRoot, 'server'), ['.ts'])];
  const missing: string[] = [];
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [, key] of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
      if (!hasKey(en as Catalogue, key!)) missing.push(`${path.relative(projectRoot, file)}: ${key}`);
    }
    for (const [, key] of text.matchAll(/key: '((?:respond|admin|errors)\.[\w.-]+)'/g)) {
      if (!hasKey(en as Catalogue, key!)) missing.push(`${path.relative(projectRoot, file)}: ${key}`);
    }
  }
  expect(missing).toEqual([]);
});
