import type TestAgent from 'supertest/lib/agent';
import type { Actor } from '../../server/platform/audit/auditLog';
import { escapeHtml, message } from '../support/formPage';
import { pdfFile } from '../support/files';
import { addOfficer, officerEmail, signIn } from '../support/officer';
import { storeResponse } from '../support/officerWorkspace';
import { cantonBranchFields, openForm, postResponse } from '../support/respond';
import { createTestPortal, type TestPortal } from '../support/testPortal';

let portal: TestPortal;
let agent: TestAgent;
let csrf: string;

beforeEach(async () => {
  portal = createTestPortal({ env: { DIGEST_RECIPIENTS: 'policy@example.org' } });
  await addOfficer(portal);
  ({ agent, csrf } = await signIn(portal.app));
});
afterEach(() => portal.close());

const entries = (action: string) =>
  portal.db
    .prepare('SELECT actor, submission_reference AS reference, detail FROM audit_log WHERE action = ? ORDER BY id')
    .all(action);

/** The rows of the audit log page: who, what, submission, detail. */
const rowsShown = (html: string) =>
  [
    ...html.matchAll(/<tr><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g),
  ].map((match) => match.slice(1).join(' | '));

describe('the audit log records', () => {
  test('report downloads, digests sent and officers choosing to get the digests or not', async () => {
    const form = await openForm(portal.app);
    await postResponse(form.agent, form.csrf, cantonBranchFields(), [
      { name: 'Canton workshop.pdf', content: pdfFile() },
    ]).expect(303);
    const reference = portal.db.prepare('SELECT reference FROM submissions').pluck().get() as string;

    await agent.get(`/admin/submissions/${reference}/reports/0`).expect(200);
    await agent.get(`/admin/submissions/${reference}/reports/1`).expect(404);
    expect(entries('report-downloaded')).toEqual([{ actor: officerEmail, reference, detail: 'Canton workshop.pdf' }]);

    await agent.post('/admin/digests/subscription').type('form').send({ _csrf: csrf, wantsDigest: 'yes' }).expect(303);
    await agent.post('/admin/digests/subscription').type('form').send({ _csrf: csrf, wantsDigest: 'no' }).expect(303);
    expect(entries('digest-opted-in')).toEqual([{ actor: officerEmail, reference: null, detail: 'en' }]);
    expect(entries('digest-opted-out')).toEqual([{ actor: officerEmail, reference: null, detail: '' }]);

    await agent.post('/admin/digests/send').type('form').send({ _csrf: csrf }).expect(303);
    await storeResponse(portal, '2020-05-17T10:00:00Z');
    portal.clock.time = new Date('2020-05-18T08:01:00+01:00');
    const scheduled = portal.services.digests.makeDue()!;
    expect(entries('digest-sent')).toEqual([
      { actor: officerEmail, reference: null, detail: 'manual: policy@example.org' },
      { actor: 'digest schedule', reference: null, detail: `${scheduled.kind}: policy@example.org` },
    ]);
  });
});

describe('the audit log page', () => {
  let colleague: Actor;
  let officer: Actor;
  const at = (
    time: string,
    actor: Actor,
    action: Parameters<TestPortal['services']['audit']['record']>[1],
    detail = '',
  ) => {
    portal.clock.time = new Date(time);
    portal.services.audit.record(actor, action, null, detail);
  };

  beforeEach(async () => {
    await portal.services.officers.add('colleague@example.org', 'another long enough password');
    const accounts = portal.services.officers.list();
    officer = portal.services.officers.actorFor(accounts.find((account) => account.email === officerEmail)!);
    colleague = portal.services.officers.actorFor(
      accounts.find((account) => account.email === 'colleague@example.org')!,
    );
    portal.db.exec('DELETE FROM audit_log');
    at('2020-05-10T22:30:00Z', officer, 'exported', 'csv'); // 11:30pm on 10 May, London
    at('2020-05-10T23:30:00Z', colleague, 'exported', 'xlsx'); // 12:30am on 11 May, London
    at('2020-05-11T09:00:00Z', colleague, 'signed-in');
    at('2020-05-12T09:00:00Z', officer, 'exported', 'reports zip');
  });

  test('is filtered by officer, action and London day, in the address, and each filter narrows the others', async () => {
    const shown = async (query: string) => rowsShown((await agent.get(`/admin/audit${query}`).expect(200)).text);
    const colleagueId = colleague.officerId!;
    expect(await shown(`?officer=${colleagueId}`)).toEqual([
      'colleague@example.org | Signed in |  | ',
      'colleague@example.org | Exported |  | Excel',
    ]);
    expect(await shown('?action=exported')).toEqual([
      `${officerEmail} | Exported |  | reports ZIP`,
      'colleague@example.org | Exported |  | Excel',
      `${officerEmail} | Exported |  | CSV`,
    ]);
    expect(await shown('?from=2020-05-11&to=2020-05-11')).toEqual([
      'colleague@example.org | Signed in |  | ',
      'colleague@example.org | Exported |  | Excel',
    ]);
    expect(await shown('?to=2020-05-10')).toEqual([`${officerEmail} | Exported |  | CSV`]);
    expect(await shown(`?officer=${colleagueId}&action=exported&from=2020-05-11`)).toEqual([
      'colleague@example.org | Exported |  | Excel',
    ]);
    expect(await shown('?action=nonsense&from=2020-02-31')).toHaveLength(4);

    const page = await agent.get(`/admin/audit?officer=${colleagueId}&action=exported`).expect(200);
    expect(page.text).toMatch(new RegExp(`<option value="${colleagueId}" selected>colleague@example.org</option>`));
    expect(page.text).toContain('<option value="exported" selected>Exported</option>');
    expect((await agent.get('/admin/audit?action=erased').expect(200)).text).toContain(message('admin.audit.none'));
  });

  test('keeps its filters from one page to the next', async () => {
    // 130 exports among 260 entries, and the 3 from before.
    for (let minute = 0; minute < 260; minute += 1)
      at(
        new Date(Date.UTC(2020, 4, 12, 9, 10 + minute)).toISOString(),
        officer,
        minute % 2 === 0 ? 'exported' : 'signed-in',
        'csv',
      );
    const first = await agent.get('/admin/audit?action=exported').expect(200);
    expect(rowsShown(first.text)).toHaveLength(100);
    const older = /href="\/admin\/audit(\?action=exported&amp;before=\d+)"/
      .exec(first.text)![1]!
      .replace(/&amp;/g, '&');
    const second = await agent.get(`/admin/audit${older}`).expect(200);
    expect(rowsShown(second.text)).toHaveLength(33);
    expect(rowsShown(second.text).every((row) => row.includes('| Exported |'))).toBe(true);
    expect(second.text).not.toContain('>Older entries<');
  });

  test('shows the words the portal wrote in the language of the page', async () => {
    at('2020-05-12T10:00:00Z', { officerId: null, name: 'command line' }, 'officer-added', 'colleague@example.org');
    at('2020-05-12T10:01:00Z', { officerId: null, name: '(no email given)' }, 'sign-in-failed', 'wrong details');
    at('2020-05-12T10:02:00Z', officer, 'status-changed', 'new → read');
    at('2020-05-12T10:03:00Z', officer, 'entry-recorded', 'post');
    at(
      '2020-05-12T10:04:00Z',
      { officerId: null, name: 'digest schedule' },
      'digest-sent',
      'weekly: policy@example.org',
    );
    at('2020-05-12T10:05:00Z', officer, 'exported', 'reports zip ?type=branch');
    at('2020-05-12T10:06:00Z', officer, 'digest-opted-in', 'cy');
    const welsh = rowsShown((await agent.get('/admin/audit?lang=cy').expect(200)).text);
    expect(welsh.slice(0, 7)).toEqual(
      [
        `${officerEmail} | Wedi dewis cael y crynodebau |  | Cymraeg`,
        `${officerEmail} | Wedi allforio |  | ZIP o adroddiadau ?type=branch`,
        "amserlen y crynodebau | Crynodeb wedi'i anfon |  | Crynodeb wythnosol: policy@example.org",
        `${officerEmail} | Ymateb wedi'i gofnodi |  | Post`,
        `${officerEmail} | Statws wedi'i newid |  | Newydd → Wedi'i ddarllen`,
        '(dim cyfeiriad e-bost) | Wedi methu mewngofnodi |  | cyfeiriad e-bost neu gyfrinair anghywir',
        "llinell orchymyn | Cyfrif wedi'i ychwanegu |  | colleague@example.org",
      ].map(escapeHtml),
    );
    expect(welsh).toContain('colleague@example.org | Wedi allforio |  | Excel');
  });
});
