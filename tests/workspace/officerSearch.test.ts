import { parse } from 'csv-parse/sync';
import type TestAgent from 'supertest/lib/agent';
import { addOfficer, signIn } from '../support/officer';
import { referencesIn, storeResponse } from '../support/officerWorkspace';
import { createTestPortal, type TestPortal } from '../support/testPortal';

let portal: TestPortal;
let agent: TestAgent;

beforeEach(async () => {
  portal = createTestPortal({ now: new Date('2020-05-13T10:00:00+01:00') });
  await addOfficer(portal);
  ({ agent } = await signIn(portal.app));
});
afterEach(() => portal.close());

const search = (query: string) => agent.get(`/admin/submissions?${query}`);
const location = (response: { headers: Record<string, string> }) => response.headers.location;

describe('what respondents quote goes straight to their response', () => {
  test('a reference, typed in any case, with spaces or without its hyphens, with or without its prefix', async () => {
    await storeResponse(portal, '2020-05-01T10:00:00Z');
    const reference = await storeResponse(portal, '2020-05-02T10:00:00Z');
    const blocks = reference.slice('S2-'.length);
    const typings = [
      reference,
      reference.toLowerCase(),
      reference.replace(/-/g, ''),
      reference.toLowerCase().replace(/-/g, ''),
      reference.replace(/-/g, ' '),
      ` ${reference.toLowerCase()} `,
      blocks,
      blocks.toLowerCase().replace('-', ''),
      blocks.replace('-', ' '),
      `S2 ${blocks.replace('-', '–')}`,
    ];
    for (const typed of typings) {
      const found = await search(`q=${encodeURIComponent(typed)}`);
      expect({ typed, status: found.status, location: location(found) }).toEqual({
        typed,
        status: 303,
        location: `/admin/submissions/${reference}`,
      });
    }
    const page = await agent.get(`/admin/submissions/${reference}`).expect(200);
    expect(page.text).toContain(`<h1 class="heading-xl">${reference}</h1>`);
  });

  test('a word that only looks like a reference is searched for as a word', async () => {
    const reference = await storeResponse(portal, '2020-05-01T10:00:00Z', {
      anythingElse: 'There is strength in numbers.',
    });
    const found = await search('q=strength').expect(200);
    expect(referencesIn(found.text)).toEqual([reference]);
  });

  test('an email address, in any case, goes to the one response from it, or lists the several from it', async () => {
    const sian = await storeResponse(portal, '2020-05-01T10:00:00Z', { email: 'Sian.Lewis@Example.org' });
    const garethFirst = await storeResponse(portal, '2020-05-02T10:00:00Z', { email: 'gareth@example.org' });
    const garethAgain = await storeResponse(portal, '2020-05-03T10:00:00Z', {
      email: 'gareth@example.org',
      name: 'Gareth Evans',
    });
    await storeResponse(portal, '2020-05-04T10:00:00Z', {
      email: 'someone.else@example.org',
      anythingElse: 'I agree with gareth@example.org.',
    });

    const one = await search(`q=${encodeURIComponent('sian.lewis@example.org')}`).expect(303);
    expect(location(one)).toBe(`/admin/submissions/${sian}`);

    const several = await search(`q=${encodeURIComponent('GARETH@example.org')}`).expect(200);
    expect(referencesIn(several.text)).toEqual([garethAgain, garethFirst]);
    expect(several.text).toContain('2 submissions match.');
    expect(several.text).toContain('value="GARETH@example.org"');
    // Back from one of them, the list is the same two.
    const opened = await agent
      .get(`/admin/submissions/${garethFirst}?q=${encodeURIComponent('GARETH@example.org')}`)
      .expect(200);
    expect(opened.text).toContain(`href="/admin/submissions/${garethAgain}?q=GARETH%40example.org" rel="prev"`);

    expect((await search(`q=${encodeURIComponent('nobody@example.org')}`).expect(200)).text).toContain(
      '0 submissions match.',
    );
  });

  test('the search box says that references and email addresses work', async () => {
    const page = await agent.get('/admin/submissions').expect(200);
    expect(page.text).toContain(
      'A reference number, such as S2-7KQ4-M9XD (in capitals or not, with or without hyphens), goes straight to that response',
    );
    expect(page.text).toContain('and an email address to the responses sent from it.');
  });
});

describe('a search lists responses by when they were received, not when they were stored', () => {
  /** 52 web responses, one a day from 1 April, then a letter of 3 February recorded today. */
  async function responsesAndALateLetter(): Promise<{ byReceived: string[]; letter: string }> {
    const web: string[] = [];
    for (let day = 0; day < 52; day += 1) {
      web.push(
        await storeResponse(portal, new Date(Date.UTC(2020, 3, 1 + day, 9)).toISOString(), {
          anythingElse: `Dentistry, day ${day}.`,
        }),
      );
    }
    const letter = await storeResponse(portal, '2020-02-03T12:00:00Z', { anythingElse: 'Dentistry, by post.' }, 'post');
    return { byReceived: [letter, ...web], letter };
  }

  /** Every reference of a list, following its pages. */
  async function wholeList(query: string): Promise<string[]> {
    const references: string[] = [];
    let next: string | undefined = `/admin/submissions?${query}`;
    while (next) {
      const html: string = (await agent.get(next).expect(200)).text;
      references.push(...referencesIn(html));
      next = /href="(\/admin\/submissions\?[^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    }
    return references;
  }

  test('newest and oldest first, page after page, with the same neighbours and the same order in the exports', async () => {
    const { byReceived, letter } = await responsesAndALateLetter();
    expect(await wholeList('q=dentistry')).toEqual([...byReceived].reverse());
    expect(await wholeList('q=dentistry&sort=oldest')).toEqual(byReceived);
    expect(await wholeList('q=dentistry&type=individual&sort=oldest')).toEqual(byReceived);

    const letterPage = await agent.get(`/admin/submissions/${letter}?q=dentistry`).expect(200);
    expect(letterPage.text).toContain(`href="/admin/submissions/${byReceived[1]}?q=dentistry" rel="prev"`);
    expect(letterPage.text).not.toContain('rel="next"');
    const oldestWeb = await agent.get(`/admin/submissions/${byReceived[1]}?q=dentistry&sort=oldest`).expect(200);
    expect(oldestWeb.text).toContain(`href="/admin/submissions/${letter}?q=dentistry&amp;sort=oldest" rel="prev"`);
    expect(oldestWeb.text).toContain(
      `href="/admin/submissions/${byReceived[2]}?q=dentistry&amp;sort=oldest" rel="next"`,
    );

    const csv = await agent.get('/admin/exports/responses.csv?q=dentistry').expect(200);
    const [header, ...rows] = parse(csv.text, { bom: true });
    expect(rows.map((row) => row[header!.indexOf('Reference')])).toEqual([...byReceived].reverse());
  });
});
