import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCommand, type CommandResult } from '../support/commandProcess';
import { mountReadOnly } from '../support/mounts';
import { serverEnvironment } from '../support/serverProcess';

let scratchDir: string;
let readOnlyDir: string;
let unmount = () => {};
beforeAll(() => {
  scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-startup-'));
  fs.writeFileSync(path.join(scratchDir, 'a-file'), 'not a folder');
  fs.mkdirSync(path.join(scratchDir, 'kept-read-only'));
  readOnlyDir = path.join(scratchDir, 'read-only');
  fs.mkdirSync(readOnlyDir);
  unmount = mountReadOnly(path.join(scratchDir, 'kept-read-only'), readOnlyDir);
});
afterAll(() => {
  unmount();
  fs.rmSync(scratchDir, { recursive: true, force: true });
});

const startServer = (env: Readonly<Record<string, string>>) =>
  runBuiltCommand('main', [], serverEnvironment({ dataDir: '', smtpUrl: null, env }));

/** The command stopped at once, with exit code 1 and a message an operator can act on, not a stack trace. */
function expectRefusal(result: CommandResult, message: string | RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

test.each([
  ['a read-only folder', () => readOnlyDir, 'it is on a read-only file system (EROFS)'],
  ['a file', () => path.join(scratchDir, 'a-file'), 'it is a file, not a folder (EEXIST)'],
  [
    'a folder inside a file',
    () => path.join(scratchDir, 'a-file', 'data'),
    'part of its path is a file, not a folder (ENOTDIR)',
  ],
  [
    'a folder that cannot be made in a read-only one',
    () => path.join(readOnlyDir, 'data'),
    'it does not exist, and cannot be made',
  ],
])('with DATA_DIR %s, the server says so and stops', async (_kind, dataDir, problem) => {
  const result = await startServer({ DATA_DIR: dataDir() });
  expectRefusal(
    result,
    `The portal cannot start.\nDATA_DIR: the portal cannot keep its data in ${dataDir()}: ${problem}`,
  );
});

test('with a DATABASE_PATH that is a folder, the server names it and stops', async () => {
  const dataDir = path.join(scratchDir, 'database-is-a-folder');
  fs.mkdirSync(path.join(dataDir, 'portal.db'), { recursive: true });
  const result = await startServer({ DATA_DIR: dataDir });
  expectRefusal(result, `DATABASE_PATH: the portal cannot open ${path.join(dataDir, 'portal.db')}: SQLITE_CANTOPEN`);
});

test('with a PORT another program is listening on, the server says the port is in use and stops', async () => {
  const other = net.createServer();
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const { port } = other.address() as net.AddressInfo;
  try {
    const result = await startServer({ DATA_DIR: path.join(scratchDir, 'port-in-use'), PORT: String(port) });
    expectRefusal(result, `The portal cannot start.\nPORT: port ${port} on 127.0.0.1 is already in use`);
  } finally {
    other.close();
  }
});

test('the command-line tools say the same about a read-only data folder', async () => {
  const result = await runBuiltCommand('officer', ['list'], { NODE_ENV: 'test', DATA_DIR: readOnlyDir });
  expectRefusal(
    result,
    `DATA_DIR: the portal cannot keep its data in ${readOnlyDir}: it is on a read-only file system (EROFS)`,
  );
});
