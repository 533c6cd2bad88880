import request from 'supertest';
import { createTestPortal, duringConsultation, type TestPortal } from '../support/testPortal';
import { countRows, openForm, postResponse, validFields } from '../support/respond';

let portal: TestPortal;
afterEach(() => portal.close());

describe('while the consultation is open', () => {
  beforeEach(() => {
    portal = createTestPortal({ now: new Date('2020-06-01T09:00:00+01:00') });
  });

  test('the home page says what the consultation is, how long is left, and every way to respond', async () => {
    const page = await request(portal.app).get('/').expect(200);
    expect(page.text).toContain('Stage 2 is less general in its approach');
    expect(page.text).toContain('Open for responses until 11:59pm on Monday 15 June 2020.');
    expect(page.text).toContain('14 days and 14 hours left to respond.');
    expect(page.text).toContain('href="/papers/health-and-social-care"');
    expect(page.text).toContain('welshlabourpolicy@labour.org.uk');
    expect(page.text).toContain('STAGE 2 POLICY CONSULTATION');
    expect(page.text).toContain('1 Cathedral Road<br>Cardiff<br>CF11 9HA');
    expect(page.text).toContain('href="/guides/event-guide"');
    expect(page.text).not.toContain('Preview:');
  });

  test('a topic paper has contents, section anchors, quotes, questions and a way to respond', async () => {
    const page = await request(portal.app).get('/papers/health-and-social-care').expect(200);
    expect(page.text).toContain('<a href="#workforce">3. Investing in our workforce</a>');
    expect(page.text).toContain('id="workforce"');
    expect(page.text).toMatch(/<blockquote><p>Keep the NHS free from privatisation.<\/p><\/blockquote>\s*<figcaption>– Preseli Pembrokeshire CLP<\/figcaption>/);
    expect(page.text).toContain('Questions for discussion');
    expect(page.text).toContain('href="/respond#answer__health-and-social-care"');
    expect(page.text).toContain('href="/assets/css/print.css" media="print"');
  });

  test('the event guide and privacy notice are there', async () => {
    const guide = await request(portal.app).get('/guides/event-guide').expect(200);
    expect(guide.text).toContain('What a good workshop report contains');
    const privacy = await request(portal.app).get('/privacy').expect(200);
    expect(privacy.text).toContain('data controller');
  });

  test('an unknown page is a 404 page', async () => {
    const page = await request(portal.app).get('/papers/transport').expect(404);
    expect(page.text).toContain('Page not found');
  });

  test('reading the public pages sets no cookie: a page with a form gets the visitor and CSRF cookies its token needs', async () => {
    for (const page of ['/', '/papers/health-and-social-care', '/guides/event-guide', '/privacy']) {
      const response = await request(portal.app).get(page).expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const form = await request(portal.app).get('/respond').expect(200);
    const cookies = new Map(([] as string[]).concat(form.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]!.split('=') as [string, string]));
    expect([...cookies.keys()].sort()).toEqual(['csrf', 'visitor']);
    const tokens = [...form.text.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(token).toBe(cookies.get('csrf'));
  });

  test('the stylesheets are served', async () => {
    await request(portal.app).get('/assets/css/portal.css').expect(200).expect('content-type', /text\/css/);
  });
});

describe('at the deadline, by the London clock in BST', () => {
  beforeEach(() => {
    portal = createTestPortal({ now: new Date('2020-06-15T23:59:58+01:00') });
  });

  test('a response sent at 23:59:59 is accepted', async () => {
    const { agent, csrf } = await openForm(portal.app);
    portal.clock.time = new Date('2020-06-15T23:59:59+01:00');
    await postResponse(agent, csrf, validFields()).expect(303);
    expect(countRows(portal.db, 'submissions')).toBe(1);
  });

  // What happens to a response sent after the close: tests/routes/respondAfterClose.test.ts.
});

describe('after the deadline', () => {
  beforeEach(() => {
    portal = createTestPortal({ now: new Date('2020-06-16T08:00:00+01:00') });
  });

  test('the form is replaced by a closed page', async () => {
    const page = await request(portal.app).get('/respond').expect(200);
    expect(page.text).toContain('This consultation has closed');
    expect(page.text).toContain('Responses were accepted until 11:59pm on Monday 15 June 2020.');
    expect(page.text).not.toContain('<form');
  });

  test('the papers stay readable, without the respond button', async () => {
    const page = await request(portal.app).get('/papers/health-and-social-care').expect(200);
    expect(page.text).not.toContain('Respond to this paper');
    const home = await request(portal.app).get('/').expect(200);
    expect(home.text).toContain('This consultation closed at 11:59pm on Monday 15 June 2020.');
  });
});

describe('with the closing time overridden for a preview', () => {
  beforeEach(() => {
    portal = createTestPortal({ now: new Date('2026-11-23T12:00:00Z'), env: { CONSULTATION_CLOSES_AT: '2026-12-21T23:59:59' } });
  });

  test('every page says so, and gives the real deadline', async () => {
    const page = await request(portal.app).get('/respond').expect(200);
    expect(page.text).toContain("Preview: the consultation&#39;s times are overridden by a setting.");
    expect(page.text).toContain('Responses are accepted here until 11:59pm on Monday 21 December 2026.');
    expect(page.text).toContain('own deadline is 11:59pm on Monday 15 June 2020');
    expect(page.text).toContain('<form');
  });
});

describe('in production, where a paper is rendered once and then sent from memory', () => {
  beforeEach(() => {
    portal = createTestPortal({ env: { NODE_ENV: 'production' } });
  });

  test('each language gets its own page, and a reader who has it is told it has not changed', async () => {
    const paperPath = '/papers/health-and-social-care';
    const first = await request(portal.app).get(paperPath).expect(200).expect('content-type', /text\/html/);
    const again = await request(portal.app).get(paperPath).expect(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    await request(portal.app).get(paperPath).set('If-None-Match', first.headers.etag!).expect(304);

    const welsh = await request(portal.app).get(paperPath).set('Cookie', 'lang=cy').expect(200);
    expect(welsh.text).toContain('<html lang="cy">');
    expect(welsh.headers.etag).not.toBe(first.headers.etag);
    const switched = await request(portal.app).get(`${paperPath}?lang=cy`).expect(200);
    expect(switched.text).toBe(welsh.text);
    expect(first.text).toContain('<html lang="en">');
  });

  test('when the consultation closes, the kept page is not the one with the respond button', async () => {
    for (const page of ['/papers/health-and-social-care', '/guides/event-guide']) {
      portal.clock.time = duringConsultation;
      const open = await request(portal.app).get(page).expect(200);
      expect(open.text).toContain('class="button" href="/respond');
      portal.clock.time = new Date('2020-06-16T08:00:00+01:00');
      const closed = await request(portal.app).get(page).expect(200);
      expect(closed.text).not.toContain('class="button" href="/respond');
    }
  });
});
