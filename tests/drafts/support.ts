import type TestAgent from 'supertest/lib/agent';
import { csrfTokenIn, type Attachment } from '../support/respond';

/** Posts the response form with its "Save and come back later" button, as a browser does. */
export function saveDraft(
  agent: TestAgent,
  csrf: string,
  fields: Record<string, string | string[]>,
  files: Attachment[] = [],
) {
  let post = agent.post('/respond/draft').field('_csrf', csrf).field('saveDraft', 'yes');
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) post = post.field(name, item);
  }
  for (const file of files) post = post.attach('reports', file.content, file.name);
  return post;
}

/** The link the page after saving shows. */
export function linkIn(html: string): string {
  const match = /id="draft-link">([^<]+)</.exec(html);
  if (!match) throw new Error('The page shows no link to the draft');
  return match[1]!;
}

/** The path part of a link to a draft, for a test agent. */
export const pathOf = (link: string): string => new URL(link).pathname;

/** What the form carries to say which draft and version it was opened from. */
export function draftFieldsIn(html: string): { draftToken: string; draftVersion: string } {
  const draftToken = /name="draftToken" value="([^"]+)"/.exec(html)?.[1];
  const draftVersion = /name="draftVersion" value="(\d+)"/.exec(html)?.[1];
  if (!draftToken || !draftVersion) throw new Error('The form carries no draft');
  return { draftToken, draftVersion };
}

/** Opens a page and returns its CSRF token. */
export async function csrfFrom(agent: TestAgent, path: string): Promise<{ html: string; csrf: string }> {
  const page = await agent.get(path);
  return { html: page.text, csrf: csrfTokenIn(page.text) };
}
