import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { projectRoot } from '../../server/config';
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
    expect(page.text).toMatch(
      /<blockquote><p>Keep the NHS free from privatisation.<\/p><\/blockquote>\s*<figcaption>– Preseli Pembrokeshire CLP<\/figcaption>/,
    );
    expect(page.text).toContain('Questions for discussion');
    expect(page.text).toContain('href="/respond#answer__health-and-social-care-group"');
    expect(page.text).toContain(
      'href="/respond#answer__health-and-social-care__workforce-group">Respond to this section<span class="visually-hidden">: Investing in our workforce</span></a>',
    );
    expect(page.text).toMatch(/href="\/assets\/css\/print\.[0-9a-f]{12}\.css" media="print"/);
  });

  test('a printed paper says how to respond: the deadline, the web address, the email and the postal address', async () => {
    const page = await request(portal.app).get('/papers/health-and-social-care').expect(200);
    const box = /<div class="print-only how-to-respond">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? '';
    expect(box).toContain('Send your response by 11:59pm on Monday 15 June 2020.');
    expect(box).toContain('Online: http://localhost:3000/respond#answer__health-and-social-care-group');
    expect(box).toContain(
      'By email: welshlabourpolicy@labour.org.uk, with “STAGE 2 POLICY CONSULTATION” in the subject line.',
    );
    expect(box).toContain('1 Cathedral Road, Cardiff, CF11 9HA');
    expect(page.text).toContain('<p class="print-only print-title">Welsh Labour Stage 2 Policy Consultation</p>');
    const printSheet = fs.readFileSync(path.join(projectRoot, 'public/css/print.css'), 'utf8');
    expect(printSheet).toMatch(/@page \{[^}]*margin:[^}]*@bottom-center \{ content: counter\(page\)/);
    expect(printSheet).not.toMatch(/break-after: page/);
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
    const cookies = new Map(
      ([] as string[])
        .concat(form.headers['set-cookie'] ?? [])
        .map((cookie) => cookie.split(';')[0]!.split('=') as [string, string]),
    );
    expect([...cookies.keys()].sort()).toEqual(['csrf', 'visitor']);
    const tokens = [...form.text.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(token).toBe(cookies.get('csrf'));
  });

  test('the stylesheets are served', async () => {
    await request(portal.app)
      .get('/assets/css/portal.css')
      .expect(200)
      .expect('content-type', /text\/css/);
  });
});

describe('in Welsh', () => {
  test('the site is named in Welsh word order, and times read as Welsh writes them', async () => {
    portal = createTestPortal({ now: duringConsultation });
    const home = await request(portal.app).get('/?lang=cy').expect(200);
    expect(home.text).toContain('<h1 class="heading-xl">Ymgynghoriad Polisi Cam 2 Llafur Cymru</h1>');
    expect(home.text).toMatch(/<title>Hafan – Ymgynghoriad Polisi Cam 2 Llafur Cymru<\/title>/);
    expect(home.text).toContain('tan 11:59yh ddydd Llun 15 Mehefin 2020');
    const english = await request(portal.app).get('/?lang=en').expect(200);
    expect(english.text).toContain('<h1 class="heading-xl">Welsh Labour Stage 2 Policy Consultation</h1>');
  });

  test('a guide with a Welsh version is shown in Welsh; one without says that the guide, not a paper, is in English', async () => {
    portal = createTestPortal({ now: duringConsultation });
    const welsh = await request(portal.app).get('/guides/event-guide?lang=cy').expect(200);
    expect(welsh.text).toContain('Cyngor ymarferol ar gynnal digwyddiad');
    expect(welsh.text).not.toContain('notice--language');
    portal.close();

    const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'));
    fs.cpSync(path.join(projectRoot, 'content/stage-2'), contentDir, { recursive: true });
    fs.rmSync(path.join(contentDir, 'guides/event-guide.cy.yaml'));
    portal = createTestPortal({ now: duringConsultation, contentDir });
    const fallback = await request(portal.app).get('/guides/event-guide?lang=cy').expect(200);
    expect(fallback.text).toContain('Nid yw&#39;r canllaw hwn wedi&#39;i gyfieithu i&#39;r Gymraeg eto');
    expect(fallback.text).toContain('<div lang="en">');
    fs.rmSync(contentDir, { recursive: true, force: true });
  });
});

describe('pages that travel light', () => {
  const paper = '/papers/health-and-social-care';
  const linkedAssets = (html: string) =>
    [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);

  test.each(['production', 'test'] as const)(
    'papers, pages, stylesheets and scripts are compressed for browsers that accept it (%s)',
    async (environment) => {
      portal = createTestPortal({ now: duringConsultation, env: { NODE_ENV: environment } });
      // Twice each: in production the second paper comes from the pages kept in memory.
      for (const attempt of [1, 2]) {
        const plain = await request(portal.app).get(paper).set('Accept-Encoding', 'identity').expect(200);
        expect(plain.headers['content-encoding']).toBeUndefined();
        for (const encoding of ['br', 'gzip']) {
          const compressed = await request(portal.app).get(paper).set('Accept-Encoding', encoding).expect(200);
          expect({ attempt, encoding: compressed.headers['content-encoding'] }).toEqual({ attempt, encoding });
          expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
          expect(compressed.text).toBe(plain.text);
        }
      }
      const home = await request(portal.app).get('/').set('Accept-Encoding', 'gzip').expect(200);
      expect(home.headers['content-encoding']).toBe('gzip');
      for (const asset of linkedAssets(home.text).filter((url) => /portal\.\w+\.(css|js)$/.test(url))) {
        const file = await request(portal.app).get(asset).set('Accept-Encoding', 'gzip').expect(200);
        expect({ asset, encoding: file.headers['content-encoding'] }).toEqual({ asset, encoding: 'gzip' });
      }
    },
  );

  test('in production, stylesheets, scripts and the icon are linked by fingerprinted names and kept for a year', async () => {
    portal = createTestPortal({ now: duringConsultation, env: { NODE_ENV: 'production' } });
    const home = await request(portal.app).get('/').expect(200);
    const assets = linkedAssets(home.text);
    expect(assets.map((url) => url.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual([
      '/assets/favicon.*.svg',
      '/assets/css/portal.*.css',
      '/assets/css/print.*.css',
      '/assets/js/portal.*.js',
    ]);
    for (const asset of assets) {
      const file = await request(portal.app).get(asset).expect(200);
      expect({ asset, cache: file.headers['cache-control'] }).toEqual({
        asset,
        cache: 'public, max-age=31536000, immutable',
      });
    }
    // The plain name still answers, for anything that kept it, but is checked again every time.
    const plain = await request(portal.app).get('/assets/css/portal.css').expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=0');
    await request(portal.app).get('/assets/css/portal.0123456789ab.css').expect(404);
  });

  test('the browser finds an icon at /favicon.ico', async () => {
    portal = createTestPortal({ now: duringConsultation });
    const icon = await request(portal.app).get('/favicon.ico').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(Buffer.from(icon.body as Buffer).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });

  test('every public page has a description in its language; a paper or guide is described by its summary', async () => {
    portal = createTestPortal({ now: duringConsultation });
    const description = (html: string) => /<meta name="description" content="([^"]+)">/.exec(html)?.[1];
    for (const page of ['/', '/respond', '/privacy', '/guides/event-guide', '/no-such-page']) {
      const english = await request(portal.app).get(page);
      expect({ page, description: description(english.text) }).toEqual({
        page,
        description: expect.stringMatching(/(\S+ ){10}/),
      });
    }
    expect(description((await request(portal.app).get('/').expect(200)).text)).toBe(
      'Read the topic papers of Welsh Labour’s Stage 2 Policy Consultation and respond online, as a member or on behalf of a Branch, CLP, Labour Group or affiliated organisation.',
    );
    expect(description((await request(portal.app).get('/?lang=cy').expect(200)).text)).toMatch(
      /^Darllenwch bapurau pwnc Ymgynghoriad Polisi Cam 2 Llafur Cymru/,
    );
    expect(description((await request(portal.app).get(paper).expect(200)).text)).toMatch(
      /^Welsh Labour’s record and direction on health and social care/,
    );
    expect(description((await request(portal.app).get('/guides/event-guide?lang=cy').expect(200)).text)).toMatch(
      /^Cyngor ymarferol ar gynnal digwyddiad/,
    );
  });

  test('a page says it depends on the language cookie and may not be kept by a shared cache', async () => {
    portal = createTestPortal({ now: duringConsultation, env: { NODE_ENV: 'production' } });
    for (const page of ['/', paper, '/respond', '/privacy']) {
      const response = await request(portal.app).get(page).expect(200);
      expect({ page, vary: response.headers.vary }).toEqual({
        page,
        vary: expect.stringMatching(/Cookie.*Accept-Language|Accept-Language.*Cookie/),
      });
      expect({ page, cache: response.headers['cache-control'] }).toEqual({ page, cache: 'private, no-cache' });
    }
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

  // What happens to a response sent after the close: tests/respond/respondAfterClose.test.ts.
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
    portal = createTestPortal({
      now: new Date('2026-11-23T12:00:00Z'),
      env: { CONSULTATION_CLOSES_AT: '2026-12-21T23:59:59' },
    });
  });

  test('every page says so, and gives the real deadline', async () => {
    const page = await request(portal.app).get('/respond').expect(200);
    expect(page.text).toContain('Preview: the consultation&#39;s times are overridden by a setting.');
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
    const first = await request(portal.app)
      .get(paperPath)
      .expect(200)
      .expect('content-type', /text\/html/);
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
