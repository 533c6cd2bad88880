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


describe('a search lists responses by when they were received, not when they were stored', () => {
  /** 52 web responses, one a day from 1 April, then a letter of 3 February recorded today. */
  async function responsesAndALateLetter(): Promise<{ byReceived: string[]; letter: string }> {
    const web: string[] = [];
    for (let day = 0; day < 52; day += 1) {
      web.push(await storeResponse(portal, new Date(Date.UTC(2020, 3, 1 + day, 9)).toISOString(), { anythingElse: `Dentistry, day ${day}.` }));
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
    expect(oldestWeb.text).toContain(`href="/admin/submissions/${byReceived[2]}?q=dentistry&amp;sort=oldest" rel="next"`);

    const csv = await agent.get('/admin/exports/responses.csv?q=dentistry').expect(200);
    const [header, ...rows] = parse(csv.text, { bom: true }) as string[][];
    expect(rows.map((row) => row[header!.indexOf('Reference')])).toEqual([...byReceived].reverse());
  });
});
