import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const projectRoot = path.join(__dirname, '../..');

test('public/js/portal.js is the bundle of client/ as it is now (run npm run build:client after editing client/)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bundle-'));
  try {
    const fresh = path.join(dir, 'portal.js');
    // The last --outfile wins, so this is the package's own build command, writing elsewhere.
    execFileSync('npm', ['run', '--silent', 'build:client', '--', `--outfile=${fresh}`, '--log-level=warning'], { cwd: projectRoot, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(projectRoot, 'public/js/portal.js'), 'utf8')).toBe(fs.readFileSync(fresh, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
