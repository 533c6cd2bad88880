import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runBuiltCommand } from '../support/commandProcess';
import { processSuite } from '../support/processSuite';

const suite = processSuite('shared-settings');

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('the commands use the address and preview window of the server running on the same data', async () => {
  const port = await freePort();
  const server = await suite.start({ PORT: String(port), CONSULTATION_CLOSES_AT: 'P28D' });
  // The commands are given the data folder and nothing of the server's settings.
  const commandEnv = { DATA_DIR: suite.dataDir };
  const added = await runBuiltCommand('officer', ['add', 'policy.officer@example.org'], commandEnv, {
    stdin: 'correct horse battery staple\n',
  });
  expect(added).toMatchObject({ code: 0 });
  expect(added.stdout).toContain(`They can sign in at http://localhost:${port}/admin`);

  expect(await runBuiltCommand('digest', ['--preview'], commandEnv)).toMatchObject({ code: 0 });
  const digest = fs.readFileSync(path.join(suite.dataDir, 'digest-preview.txt'), 'utf8');
  const page = await (await fetch(server.baseUrl)).text();
  const deadline = /Open for responses until ([^<]+?)\./.exec(page)?.[1];
  expect(deadline).toMatch(/\d{4}$/);
  expect(digest).toContain(deadline!);
  expect(digest).not.toContain('15 June 2020');
  await server.stop();
});
