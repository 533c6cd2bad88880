import type TestAgent from 'supertest/lib/agent';
import en from '../../server/platform/i18n/en.json';
import cy from '../../server/platform/i18n/cy.json';
import { walesWide } from '../../server/consultation/consultation';
import { asLanguage, isOneOf, languages, type Language } from '../../server/platform/vocabulary';
import { acceptedReportExtensions, unpackedLimitBytes } from '../../server/submissions/reports/fileInspector';
import {
  channels,
  enteredChannels,
  respondentTypes,
  responseLimits,
  reviewLimits,
  reviewStatuses,
} from '../../server/submissions/vocabulary';
import type { TestPortal } from '../support/testPortal';
import { portalWithOfficer } from '../support/officer';
import { storeResponse } from '../support/officerWorkspace';
import { escapeHtml, message } from '../support/formPage';

type Catalogue = typeof en;

/** Each list of words, and where each catalogue names them: a word added without its names fails here. */
const namedGroups: readonly { words: readonly string[]; names: (catalogue: Catalogue) => object }[] = [
  { words: respondentTypes, names: (catalogue) => catalogue.respond.respondentType.options },
  { words: respondentTypes, names: (catalogue) => catalogue.admin.respondentTypes },
  { words: channels, names: (catalogue) => catalogue.admin.channels },
  { words: reviewStatuses, names: (catalogue) => catalogue.admin.statuses },
  { words: languages, names: (catalogue) => catalogue.admin.languages },
];

test.each<[Language, Catalogue]>([
  ['en', en],
  ['cy', cy],
])(
  'the %s catalogue names every respondent type, channel, status and language, and nothing else',
  (_language, catalogue) => {
    for (const { words, names } of namedGroups) {
      expect(Object.keys(names(catalogue)).sort()).toEqual([...words].sort());
    }
  },
);

/** Every message of a catalogue, however deeply it is nested. */
function messagesOf(messages: object): string[] {
  return Object.values(messages).flatMap((value) =>
    typeof value === 'string' ? [value] : messagesOf(value as object),
  );
}

test.each<[Language, Catalogue]>([
  ['en', en],
  ['cy', cy],
])('no %s message writes out a limit: each is told it as a value, from where the limit is defined', (_, catalogue) => {
  const { reportBytes, ...counted } = responseLimits;
  const megabytes = (bytes: number) => `${bytes / (1024 * 1024)} MB`;
  const limits = [...Object.values(counted), ...Object.values(reviewLimits)].flatMap((limit) => [
    String(limit),
    limit.toLocaleString('en-GB'),
  ]);
  const written = [...new Set(limits)].map((limit) => new RegExp(`(?<![\\d.,])${limit}(?![\\d.,]*\\d)`));
  const sizes = [megabytes(reportBytes), megabytes(unpackedLimitBytes)];
  for (const text of messagesOf(catalogue)) {
    expect({ text, limits: written.filter((limit) => limit.test(text)).map(String) }).toEqual({ text, limits: [] });
    expect({ text, sizes: sizes.filter((size) => text.includes(size)) }).toEqual({ text, sizes: [] });
  }
});

test('a word is one of its vocabulary only when it is spelt as the vocabulary spells it', () => {
  expect(isOneOf(reviewStatuses, 'flagged')).toBe(true);
  expect(isOneOf(reviewStatuses, 'Flagged')).toBe(false);
  expect(isOneOf(reviewStatuses, undefined)).toBe(false);
  expect(asLanguage('cy')).toBe('cy');
  expect(asLanguage('fr')).toBe('en');
});

describe('every screen that lists a vocabulary offers all of it', () => {
  let portal: TestPortal;
  let agent: TestAgent;

  beforeAll(async () => {
    ({ portal, agent } = await portalWithOfficer());
  });
  afterAll(() => portal.close());

  /** The values a page offers for a field, as radios or as a select's options other than "any". */
  function offered(html: string, field: string): string[] {
    const radios = [
      ...html.matchAll(new RegExp(`<input[^>]*\\sname="${field}" type="radio" value="([^"]*)"`, 'g')),
    ].map((match) => match[1]!);
    const select = new RegExp(`<select[^>]*\\sname="${field}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
    const options = [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]!);
    return [...radios, ...options];
  }

  const page = async (path: string, language: Language): Promise<string> =>
    (await agent.get(`${path}?lang=${language}`).expect(200)).text;
  const named = (html: string, keyPrefix: string, words: readonly string[], language: Language) =>
    expect(words.filter((word) => !html.includes(escapeHtml(message(keyPrefix + word, {}, language))))).toEqual([]);

  test.each(languages)('the response form (%s)', async (language) => {
    const html = await page('/respond', language);
    expect(offered(html, 'respondentType')).toEqual(respondentTypes);
    named(html, 'respond.respondentType.options.', respondentTypes, language);
    expect(offered(html, 'constituency')).toContain(walesWide);
    const maxLengths = [...html.matchAll(/data-max-length="(\d+)"/g)].map((match) => Number(match[1]));
    expect(new Set(maxLengths)).toEqual(new Set([responseLimits.answer]));
    expect(html).toContain(`accept="${acceptedReportExtensions}"`);
  });

  test('the response form names the limits and kinds of reports as it always has, in both languages', async () => {
    expect(await page('/respond', 'en')).toContain(
      escapeHtml(
        'Up to 5 files, each up to 10 MB: PDF, Word (DOCX or DOC), OpenDocument (ODT), RTF, plain text, or a photo or scan (JPEG, PNG or HEIC).',
      ),
    );
    expect(await page('/respond', 'cy')).toContain(
      escapeHtml(
        'Hyd at 5 ffeil, pob un hyd at 10 MB: PDF, Word (DOCX neu DOC), OpenDocument (ODT), RTF, testun plaen, neu lun neu sgan (JPEG, PNG neu HEIC).',
      ),
    );
  });

  test.each(languages)("the officer's list and its filters (%s)", async (language) => {
    const html = await page('/admin/submissions', language);
    expect(offered(html, 'type')).toEqual(respondentTypes);
    named(html, 'admin.respondentTypes.', respondentTypes, language);
    expect(offered(html, 'channel')).toEqual(channels);
    named(html, 'admin.channels.', channels, language);
    expect(offered(html, 'status')).toEqual(reviewStatuses);
    named(html, 'admin.statuses.', reviewStatuses, language);
    expect(offered(html, 'language')).toEqual(languages);
    named(html, 'admin.languages.', languages, language);
    expect(offered(html, 'constituency')).toContain(walesWide);
  });

  test.each(languages)('the dashboard counts (%s)', async (language) => {
    const html = await page('/admin', language);
    const linked = (parameter: string) =>
      [...html.matchAll(new RegExp(`href="/admin/submissions\\?${parameter}=([^"]+)"`, 'g'))].map((match) => match[1]!);
    expect(linked('type')).toEqual(respondentTypes);
    expect(linked('channel')).toEqual(channels);
    expect(linked('status')).toEqual(reviewStatuses);
    named(html, 'admin.respondentTypes.', respondentTypes, language);
  });

  test.each(languages)("the officer's entry form (%s)", async (language) => {
    const html = await page('/admin/entries/new', language);
    expect(offered(html, 'respondentType')).toEqual(respondentTypes);
    expect(offered(html, 'channel')).toEqual(enteredChannels);
    named(html, 'admin.channels.', enteredChannels, language);
    expect(offered(html, 'language')).toEqual(languages);
    named(html, 'admin.languages.', languages, language);
  });

  test.each(languages)('the review of a response (%s)', async (language) => {
    const reference = await storeResponse(portal, '2020-05-12T09:00:00+01:00');
    const html = await page(`/admin/submissions/${reference}`, language);
    expect(offered(html, 'status')).toEqual(reviewStatuses);
    named(html, 'admin.statuses.', reviewStatuses, language);
  });
});
