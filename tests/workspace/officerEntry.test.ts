import type TestAgent from 'supertest/lib/agent';
import { portalWithOfficer } from '../support/officer';
import { storeResponse } from '../support/officerWorkspace';
import type { TestPortal } from '../support/testPortal';

let portal: TestPortal;
let agent: TestAgent;
let csrf: string;

beforeEach(async () => {
  ({ portal, agent, csrf } = await portalWithOfficer());
});
afterEach(() => portal.close());

/**
 * What the page says, as read: the main part's text, without markup or attributes, and without the
 * topic papers' own questions to members, which are content, not the form's words.
 */
const readText = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<ul class="hint__list">[\s\S]*?<\/ul>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** The empty form, in a language the officer then keeps. */
const entryForm = (language: 'en' | 'cy') => agent.get(`/admin/entries/new?lang=${language}`).expect(200);
const refusedEntry = () =>
  agent
    .post('/admin/entries')
    .field('_csrf', csrf)
    .field('channel', 'post')
    .field('email', 'not an address')
    .expect(400);

describe("the officer's entry form speaks to the officer, not to the respondent", () => {
  test('in English, its fields, hints and error messages', async () => {
    const form = readText((await entryForm('en')).text);
    expect(form).toContain("The respondent's email address");
    expect(form).toContain('A receipt goes here if you tick “Email a receipt to the respondent” below.');
    expect(form).toContain("The respondent's full name");
    expect(form).toContain('Who is the response from?');
    const refused = readText((await refusedEntry()).text);
    expect(refused).toContain("Enter the respondent's full name");
    expect(refused).toContain('Select who the response is from');
    for (const page of [form, refused]) {
      expect(page).not.toMatch(/\byour\b/i);
      expect(page).not.toMatch(/\byou (are|respond|held|attach|see)\b/i);
    }
  });

  test('in Welsh, its fields, hints and error messages', async () => {
    const form = readText((await entryForm('cy')).text);
    expect(form).toContain('Cyfeiriad e-bost yr ymatebydd');
    expect(form).toContain('Bydd derbynneb yn mynd i’r cyfeiriad hwn'.replace('’', "'"));
    expect(form).toContain('Enw llawn yr ymatebydd');
    const refused = readText((await refusedEntry()).text);
    expect(refused).toContain('Rhowch enw llawn yr ymatebydd');
    expect(refused).toContain("Dewiswch gan bwy mae'r ymateb");
    for (const page of [form, refused]) {
      expect(page).not.toMatch(/\beich\b/i);
      expect(page).not.toMatch(/rydych chi'n ymateb|ydych chi'n atodi/i);
    }
  });

  test("and so does a submission's page, which shows the same fields", async () => {
    const reference = await storeResponse(portal, '2020-05-01T10:00:00Z');
    const english = readText((await agent.get(`/admin/submissions/${reference}?lang=en`).expect(200)).text);
    expect(english).toContain("The respondent's full name");
    expect(english).toContain('May we quote the response?');
    expect(english).not.toMatch(/\byour\b/i);
    const welsh = readText((await agent.get(`/admin/submissions/${reference}?lang=cy`).expect(200)).text);
    expect(welsh).toContain('Enw llawn yr ymatebydd');
    expect(welsh).not.toMatch(/\beich\b/i);
  });

  test('while the public form still speaks to the respondent', async () => {
    const publicForm = readText((await agent.get('/respond').expect(200)).text);
    expect(publicForm).toContain('Your email address');
    expect(publicForm).toContain('We will send your receipt here');
  });
});
