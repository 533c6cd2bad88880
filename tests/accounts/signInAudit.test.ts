import request from 'supertest';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { csrfTokenIn } from '../support/respond';
import { addOfficer, officerEmail, officerPassword, signIn } from '../support/officer';

let portal: TestPortal;
beforeEach(async () => {
  portal = createTestPortal();
  await addOfficer(portal);
});
afterEach(() => portal.close());

async function signInForm() {
  const agent = request.agent(portal.app);
  const csrf = csrfTokenIn((await agent.get('/admin/sign-in')).text);
  const attempt = (email: string, password = 'a wrong password') =>
    agent.post('/admin/sign-in').type('form').send({ _csrf: csrf, email, password }).expect(401);
  return { attempt };
}

const failedSignIns = () =>
  portal.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'sign-in-failed' ORDER BY id").all() as {
    actor: string;
    detail: string;
  }[];

test('sixty refused sign-ins with a huge email add a few short rows, not what was typed', async () => {
  const { attempt } = await signInForm();
  for (let index = 0; index < 60; index += 1) await attempt(`${index}${'x'.repeat(200 * 1024)}@example.org`);
  const rows = failedSignIns();
  const recordedBytes = rows.reduce(
    (total, row) => total + Buffer.byteLength(row.actor) + Buffer.byteLength(row.detail),
    0,
  );
  // Five refusals for the one "account" all these share, then one row each for the account's and the
  // connection's throttling: the other 53 attempts were refused without a row.
  expect(rows).toHaveLength(7);
  expect(recordedBytes).toBeLessThan(7 * 40);
  expect(rows.every((row) => row.actor === '(not an email address)')).toBe(true);
});

test('a password typed into the email box is neither stored nor shown; an email address is', async () => {
  const { attempt } = await signInForm();
  await attempt(officerPassword);
  await attempt('');
  await attempt(`  ${officerEmail.toUpperCase()} `);
  await attempt(`${'a'.repeat(250)}@example.org`);
  expect(failedSignIns().map((row) => row.actor)).toEqual([
    '(not an email address)',
    '(no email given)',
    officerEmail,
    '(not an email address)',
  ]);
  // A row written before this rule, holding a password, is not shown either.
  portal.db
    .prepare(
      "INSERT INTO audit_log (at, officer_id, actor, action, detail) VALUES ('2020-05-12T09:00:00.000Z', NULL, ?, 'sign-in-failed', 'wrong details')",
    )
    .run('hunter2 my old password');

  const { agent } = await signIn(portal.app);
  const english = await agent.get('/admin/audit').expect(200);
  expect(english.text).toContain('(not an email address)');
  expect(english.text).toContain('(no email given)');
  expect(english.text).not.toContain(officerPassword);
  expect(english.text).not.toContain('hunter2');
  const welsh = await agent.get('/admin/audit?lang=cy').expect(200);
  expect(welsh.text).toContain('(nid cyfeiriad e-bost)');
  expect(welsh.text).toContain('(dim cyfeiriad e-bost)');
  expect(welsh.text).not.toContain('(not an email address)');
});

test('throttled attempts are recorded once per window for the account and once for the connection', async () => {
  const { attempt } = await signInForm();
  for (let index = 0; index < 15; index += 1) await attempt(officerEmail);
  expect(failedSignIns().map((row) => row.detail)).toEqual([...Array<string>(5).fill('wrong details'), 'throttled']);

  for (let index = 0; index < 20; index += 1) await attempt(`person${index}@example.org`);
  const details = failedSignIns().map((row) => row.detail);
  // Five more for the new accounts, until the connection's twentieth attempt; then one row for the connection.
  expect(details.filter((detail) => detail === 'wrong details')).toHaveLength(10);
  expect(details.filter((detail) => detail === 'throttled')).toHaveLength(2);
});
