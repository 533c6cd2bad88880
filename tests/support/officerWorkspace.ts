import { londonDay } from '../../server/platform/time/clock';
import type { ResponseContent } from '../../server/submissions/submission';
import type { TestPortal } from './testPortal';

/** The references a list of submissions shows, in its order. */
export const referencesIn = (html: string): string[] =>
  [...html.matchAll(/<td class="nowrap"><a href="\/admin\/submissions\/(S2-[A-Z0-9-]+)/g)].map((match) => match[1]!);

const individualResponse: ResponseContent = {
  respondentType: 'individual',
  name: 'Aled Roberts',
  email: 'aled@example.org',
  bodyName: null,
  roleInBody: null,
  constituency: 'arfon',
  answers: [{ paper: 'health-and-social-care', section: null, body: 'More community pharmacies, please.' }],
  anythingElse: null,
  meetingDate: null,
  meetingAttendance: null,
  consentToQuote: false,
};

let formTokens = 0;
const nextFormToken = () => (formTokens += 1).toString(16).padStart(32, '0');

/**
 * Stores a response received at `receivedAt`: from the web, with the clock at that moment (and put
 * back after), or by post, recorded by an officer at the clock's time with the day it came.
 */
export async function storeResponse(
  portal: TestPortal,
  receivedAt: string,
  overrides: Partial<ResponseContent> = {},
  channel: 'web' | 'post' = 'web',
): Promise<string> {
  const content = { ...individualResponse, ...overrides };
  if (channel === 'post') {
    const provenance = {
      channel,
      receivedOn: londonDay(new Date(receivedAt)),
      language: 'en',
      actor: { officerId: null, name: 'test' },
      sendReceipt: false,
    };
    return portal.services.submissions.recordOffline(content, [], { ...provenance, formToken: nextFormToken() });
  }
  const now = portal.clock.time;
  portal.clock.time = new Date(receivedAt);
  try {
    return await portal.services.submissions.submit(content, [], 'en', nextFormToken());
  } finally {
    portal.clock.time = now;
  }
}
