import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCommand } from '../support/commandProcess';

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-digest-preview-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const preview = (extension: 'txt' | 'html') =>
  fs.readFileSync(path.join(dataDir, `digest-preview.${extension}`), 'utf8');

test('the preview is written in English, or in Welsh with --language cy', async () => {
  expect(await runBuiltCommand('digest', ['--preview'], { DATA_DIR: dataDir })).toMatchObject({ code: 0 });
  expect(preview('txt')).toMatch(/^Subject: STAGE 2 POLICY CONSULTATION: digest, 0 new responses\n/);
  expect(preview('html')).toContain('<html lang="en">');

  expect(await runBuiltCommand('digest', ['--preview', '--language', 'cy'], { DATA_DIR: dataDir })).toMatchObject({
    code: 0,
  });
  const welsh = preview('txt');
  expect(welsh).toMatch(/^Subject: YMGYNGHORIAD POLISI CAM 2: crynodeb, dim ymatebion newydd\n/);
  expect(welsh).toContain('Dim byd newydd ers y crynodeb diwethaf');
  expect(welsh).toContain('Heb glywed gan y rhain eto: Aberafan, Aberconwy');
  expect(welsh).not.toMatch(/new responses|Not yet heard/);
  expect(preview('html')).toContain('<html lang="cy">');
});

test('a language it does not write is refused, saying which it does', async () => {
  const refused = await runBuiltCommand('digest', ['--preview', '--language', 'fr'], { DATA_DIR: dataDir });
  expect(refused).toMatchObject({ code: 2, stderr: '--language fr: write en for English or cy for Welsh.\n' });
  expect(fs.existsSync(path.join(dataDir, 'digest-preview.txt'))).toBe(false);
  // --language is for the preview: each recipient of a digest sent now reads it in their own language.
  expect(await runBuiltCommand('digest', ['--send-now', '--language', 'cy'], { DATA_DIR: dataDir })).toMatchObject({
    code: 2,
  });
});
