import type { Express } from 'express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

export interface Attachment {
  name: string;
  content: Buffer;
}

/** A browser's visit to the form: its cookies, and the CSRF token the page carried. */
export async function openForm(app: Express): Promise<{ agent: TestAgent; csrf: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/respond').expect(200);
  return { agent, csrf: csrfTokenIn(page.text) };
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('The page has no CSRF token');
  return match[1]!;
}

/** A complete, valid individual response to the Health and Social Care paper. */
export function validFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    respondentType: 'individual',
    name: 'Carys Evans',
    email: 'carys@example.org',
    bodyName: '',
    roleInBody: '',
    constituency: 'gower',
    'answer__health-and-social-care':
      'Dental contract reform should reach rural Gower, where there is no NHS dentist taking patients.',
    anythingElse: '',
    meetingDay: '',
    meetingMonth: '',
    meetingYear: '',
    meetingAttendance: '',
    consentPrivacy: 'yes',
    consentQuote: 'no',
    website: '',
    ...overrides,
  };
}

/** Canton Branch's response, as its secretary sends it. */
export function cantonBranchFields(overrides: Record<string, string> = {}): Record<string, string | string[]> {
  return validFields({
    respondentType: 'branch',
    bodyName: 'Canton Branch',
    roleInBody: 'Branch Secretary',
    constituency: 'cardiff-west',
    ...overrides,
  });
}

/** Posts the form as a browser does: multipart, with the token, the fields and any files. */
export function postResponse(
  agent: TestAgent,
  csrf: string | null,
  fields: Record<string, string | string[]>,
  files: Attachment[] = [],
) {
  let post = agent.post('/respond');
  if (csrf !== null) post = post.field('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) post = post.field(name, item);
  }
  for (const file of files) post = post.attach('reports', file.content, file.name);
  return post;
}

export function countRows(db: import('better-sqlite3').Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number }).count;
}
