import type TestAgent from 'supertest/lib/agent';
import { countRows } from '../support/respond';
import { errorSummary, formValues, message } from '../support/formPage';
import { officerEmail, portalWithOfficer, signIn } from '../support/officer';
import { storeResponse } from '../support/officerWorkspace';
import type { TestPortal } from '../support/testPortal';

let portal: TestPortal;
let agent: TestAgent;
let csrf: string;
let reference: string;

beforeEach(async () => {
  ({ portal, agent, csrf } = await portalWithOfficer());
  reference = await storeResponse(portal, '2020-05-01T10:00:00Z');
});
afterEach(() => portal.close());

const statusOf = (ref: string) =>
  portal.db.prepare('SELECT status FROM submissions WHERE reference = ?').pluck().get(ref);
const auditOf = (ref: string) =>
  portal.db
    .prepare('SELECT actor, action, detail FROM audit_log WHERE submission_reference = ? ORDER BY id')
    .all(ref) as { actor: string; action: string; detail: string }[];
const tagsOf = (ref: string) =>
  portal.db
    .prepare(
      'SELECT t.name FROM submission_tags st JOIN tags t ON t.id = st.tag_id JOIN submissions s ON s.id = st.submission_id WHERE s.reference = ? ORDER BY t.name',
    )
    .pluck()
    .all(ref);
const review = (fields: Record<string, string | string[]>, query = '') =>
  agent
    .post(`/admin/submissions/${reference}/review${query}`)
    .type('form')
    .send({ _csrf: csrf, status: 'read', ...fields });

describe("a submission's review is one form", () => {
  test('one Save keeps the status, a note and tags typed together, audits each, and says so back where the officer was', async () => {
    const listQuery = '?q=pharmacies&sort=oldest';
    const page = await agent.get(`/admin/submissions/${reference}${listQuery}`).expect(200);
    expect(page.text.match(/<form id="review-form"/g)).toHaveLength(1);
    expect(page.text).toContain(`action="/admin/submissions/${reference}/review?q=pharmacies&amp;sort=oldest"`);

    const saved = await review(
      { status: 'used', note: 'Quote this in the workforce chapter.', tags: 'workforce, Dentistry ,, workforce' },
      listQuery,
    ).expect(303);
    expect(saved.headers.location).toBe(`/admin/submissions/${reference}?q=pharmacies&sort=oldest&saved=1#review`);

    const after = await agent.get(saved.headers.location!.replace('#review', '')).expect(200);
    expect(after.text).toContain(`<div class="notice" role="status">${message('admin.submission.saved')}</div>`);
    expect(formValues(after.text).status).toBe('used');
    expect(after.text).toContain('Quote this in the workforce chapter.');
    expect(tagsOf(reference)).toEqual(['Dentistry', 'workforce']);
    expect(after.text).toContain('<a href="/admin/submissions?q=pharmacies&amp;sort=oldest">Back to the list</a>');
    expect(auditOf(reference)).toEqual([
      { actor: officerEmail, action: 'status-changed', detail: 'new → read' },
      { actor: officerEmail, action: 'status-changed', detail: 'read → used' },
      { actor: officerEmail, action: 'note-added', detail: '' },
      { actor: officerEmail, action: 'tag-added', detail: 'workforce' },
      { actor: officerEmail, action: 'tag-added', detail: 'Dentistry' },
    ]);
  });

  test("saving a note does not undo another officer's change of status made since the page was opened", async () => {
    const page = await agent.get(`/admin/submissions/${reference}`).expect(200);
    const shown = formValues(page.text);
    expect(shown).toMatchObject({ status: 'read', statusShown: 'read' });
    // Meanwhile a colleague flags it.
    await portal.services.officers.add('colleague@example.org', 'another long password 0123');
    const colleague = await signIn(portal.app, 'colleague@example.org', 'another long password 0123');
    await colleague.agent
      .post(`/admin/submissions/${reference}/review`)
      .type('form')
      .send({ _csrf: colleague.csrf, status: 'flagged', statusShown: 'read' })
      .expect(303);
    // The first officer saves only a note, from the page as they had it.
    await review({ status: 'read', statusShown: 'read', note: 'Seen.' }).expect(303);
    expect(statusOf(reference)).toBe('flagged');
    expect(
      auditOf(reference)
        .filter((entry) => entry.action === 'status-changed')
        .map((entry) => `${entry.actor}: ${entry.detail}`),
    ).toEqual([`${officerEmail}: new → read`, 'colleague@example.org: read → flagged']);
    // Choosing a status on purpose still changes it.
    await review({ status: 'used', statusShown: 'read' }).expect(303);
    expect(statusOf(reference)).toBe('used');
  });

  test('a tag is removed by ticking it, with JavaScript off, and what else was typed is saved with it', async () => {
    await review({ tags: 'workforce, dentistry' }).expect(303);
    const page = await agent.get(`/admin/submissions/${reference}`).expect(200);
    expect(page.text).toMatch(
      /<input class="checkboxes__input" type="checkbox" id="removeTag-\d" name="removeTag" value="dentistry">/,
    );
    await review({ removeTag: 'dentistry', note: 'Not about dentistry after all.' }).expect(303);
    expect(tagsOf(reference)).toEqual(['workforce']);
    expect(auditOf(reference).map((entry) => entry.action)).toEqual([
      'status-changed',
      'tag-added',
      'tag-added',
      'note-added',
      'tag-removed',
    ]);
  });

  test('a note or tag too long is shown again with what to fix, with everything typed kept and nothing saved', async () => {
    const note = 'A long note. '.repeat(800);
    const tags = `workforce, ${'x'.repeat(41)}`;
    const refused = await review({ status: 'flagged', note, tags, removeTag: 'none' }).expect(400);
    expect(errorSummary(refused.text)).toContain(
      message('admin.submission.errors.tagTooLong', { tag: 'x'.repeat(41) }),
    );
    expect(errorSummary(refused.text)).toContain(message('admin.submission.errors.noteTooLong'));
    const shown = formValues(refused.text);
    expect(shown).toMatchObject({ status: 'flagged', tags });
    expect(refused.text).toContain(`>${note}</textarea>`);
    expect(statusOf(reference)).toBe('new');
    expect(countRows(portal.db, 'notes')).toBe(0);
    expect(countRows(portal.db, 'submission_tags')).toBe(0);
    expect(auditOf(reference)).toEqual([]);
  });

  test('switching language keeps what was typed, and saves nothing', async () => {
    const switched = await review(
      { status: 'used', note: 'Half a thought', tags: 'rural' },
      '?switchLanguage=cy',
    ).expect(200);
    expect(switched.text).toContain('<html lang="cy">');
    expect(formValues(switched.text)).toMatchObject({ status: 'used', tags: 'rural' });
    expect(switched.text).toContain('>Half a thought</textarea>');
    expect(statusOf(reference)).toBe('new');
  });

  test('a status the page does not offer is refused', async () => {
    await review({ status: 'archived' }).expect(400);
    expect(statusOf(reference)).toBe('new');
  });
});

describe('opening a new response marks it read', () => {
  test('once, by the officer who opened it; not the list, an export or a report; and a status chosen on saving stands', async () => {
    await agent.get('/admin/submissions').expect(200);
    await agent.get('/admin/exports/responses.csv').expect(200);
    await agent.get(`/admin/submissions/${reference}/erase`).expect(200);
    expect(statusOf(reference)).toBe('new');

    await agent.get(`/admin/submissions/${reference}`).expect(200);
    expect(statusOf(reference)).toBe('read');
    await agent.get(`/admin/submissions/${reference}`).expect(200);
    expect(auditOf(reference)).toEqual([{ actor: officerEmail, action: 'status-changed', detail: 'new → read' }]);

    const saved = await review({ status: 'new' }).expect(303);
    await agent.get(saved.headers.location!.replace('#review', '')).expect(200);
    expect(statusOf(reference)).toBe('new');
  });

  test('by whichever officer opens it', async () => {
    await portal.services.officers.add('colleague@example.org', 'another long enough password');
    const colleague = await signIn(portal.app, 'colleague@example.org', 'another long enough password');
    await colleague.agent.get(`/admin/submissions/${reference}`).expect(200);
    expect(auditOf(reference)).toEqual([
      { actor: 'colleague@example.org', action: 'status-changed', detail: 'new → read' },
    ]);
  });
});
