import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createTestPortal, type TestPortal } from './testPortal';
import { csrfTokenIn } from './respond';

export const officerEmail = 'policy.officer@example.org';
export const officerPassword = 'correct horse battery staple';

export async function addOfficer(portal: TestPortal, email = officerEmail, password = officerPassword): Promise<void> {
  await portal.services.officers.add(email, password);
}

/** A browser signed in to the workspace, with a CSRF token for its forms. */
export async function signIn(
  app: Express,
  email = officerEmail,
  password = officerPassword,
): Promise<{ agent: TestAgent; csrf: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/admin/sign-in').expect(200);
  const csrf = csrfTokenIn(page.text);
  const response = await agent.post('/admin/sign-in').type('form').send({ _csrf: csrf, email, password });
  if (response.status !== 303) throw new Error(`Sign-in failed with ${response.status}`);
  return { agent, csrf };
}

/** A new portal with an officer signed in to it, for a test that works in the workspace. */
export async function portalWithOfficer(): Promise<{ portal: TestPortal; agent: TestAgent; csrf: string }> {
  const portal = createTestPortal();
  await addOfficer(portal);
  return { portal, ...(await signIn(portal.app)) };
}
