import request from 'supertest';
import { adminRouter } from '../../server/adminRouter';
import { setUpI18n } from '../../server/web/setUpI18n';
import { PasswordHasher, owaspScryptCost } from '../../server/features/accounts/passwords';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { csrfTokenIn } from '../support/respond';
import { addOfficer, officerEmail, officerPassword, signIn } from '../support/officer';

let portal: TestPortal;
beforeEach(async () => {
  portal = createTestPortal();
  await addOfficer(portal);
});
afterEach(() => portal.close());

interface StackLayer {
  name: string;
  route?: { path: string; methods: Record<string, boolean> };
}

function workspaceRoutes(): { method: string; path: string; index: number }[] {
  const router = adminRouter(portal.services, (_req, _res, next) => next(), false, setUpI18n(portal.services, false));
  const stack = (router as unknown as { stack: StackLayer[] }).stack;
  const guardIndex = stack.findIndex((layer) => layer.name === 'requireOfficer');
  expect(guardIndex).toBeGreaterThan(0);
  return stack.flatMap((layer, index) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method,
          path: layer.route!.path,
          index: index - guardIndex,
        }))
      : [],
  );
}

const signInRoutes = new Set(['get /sign-in', 'post /sign-in', 'post /sign-out']);

test('every workspace route but signing in sits behind the guard, and refuses a visitor without a session', async () => {
  const routes = workspaceRoutes();
  expect(routes.length).toBeGreaterThan(10);
  const agent = request.agent(portal.app);
  const csrf = csrfTokenIn((await agent.get('/admin/sign-in')).text);
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (signInRoutes.has(key)) {
      expect({ key, beforeGuard: route.index < 0 }).toEqual({ key, beforeGuard: true });
      continue;
    }
    expect({ key, afterGuard: route.index > 0 }).toEqual({ key, afterGuard: true });
    const url = `/admin${route.path.replace(':reference', 'S2-2222-3333').replace(':position', '0')}`;
    const response =
      route.method === 'get' ? await agent.get(url) : await agent.post(url).type('form').send({ _csrf: csrf });
    expect({ key, status: response.status, location: response.headers.location?.split('?')[0] }).toEqual({
      key,
      status: 303,
      location: '/admin/sign-in',
    });
  }
});

test('a POST to the workspace without a CSRF token is refused, even when signed in', async () => {
  const { agent } = await signIn(portal.app);
  await agent.post('/admin/sign-out').type('form').send({}).expect(403);
});

test('signing in gives a new session id, so an id planted beforehand is worthless', async () => {
  // An attacker plants a session id in the victim's browser before the victim signs in.
  portal.services.sessions.set('planted-session-id', { cookie: { originalMaxAge: 1000 } } as never);
  const page = await request(portal.app).get('/admin/sign-in');
  const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]);
  const signedIn = await request(portal.app)
    .post('/admin/sign-in')
    .set('Cookie', [...cookies, 'officer_session=s%3Aplanted-session-id.invalid'].join('; '))
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), email: officerEmail, password: officerPassword })
    .expect(303);
  const sessionCookie = ([] as string[])
    .concat(signedIn.headers['set-cookie'] ?? [])
    .find((cookie) => cookie.startsWith('officer_session='));
  expect(sessionCookie).toBeDefined();
  expect(sessionCookie).not.toContain('planted-session-id');
  expect(sessionCookie).toMatch(/HttpOnly/i);
  expect(sessionCookie).toMatch(/SameSite=Lax/i);
  expect(sessionCookie).toMatch(/Path=\//);
});

test('the session id changes at sign-in even for a browser that already had a session', async () => {
  const first = await signIn(portal.app);
  const before = (await first.agent.get('/admin')).status;
  expect(before).toBe(200);
  const cookieBefore = first.agent.jar.getCookie('officer_session', {
    domain: '127.0.0.1',
    path: '/admin',
    secure: false,
    script: false,
  })?.value;
  const csrf = csrfTokenIn((await first.agent.get('/admin/sign-in')).text);
  await first.agent
    .post('/admin/sign-in')
    .type('form')
    .send({ _csrf: csrf, email: officerEmail, password: officerPassword })
    .expect(303);
  const cookieAfter = first.agent.jar.getCookie('officer_session', {
    domain: '127.0.0.1',
    path: '/admin',
    secure: false,
    script: false,
  })?.value;
  expect(cookieAfter).toBeDefined();
  expect(cookieAfter).not.toBe(cookieBefore);
});

test('a wrong password, an unknown email and a disabled account all get the same message', async () => {
  await addOfficer(portal, 'disabled@example.org', 'another long password');
  portal.services.officers.setDisabled('disabled@example.org', true);
  const messages = new Set<string>();
  for (const [email, password] of [
    [officerEmail, 'wrong password here'],
    ['nobody@example.org', officerPassword],
    ['disabled@example.org', 'another long password'],
  ]) {
    const agent = request.agent(portal.app);
    const csrf = csrfTokenIn((await agent.get('/admin/sign-in')).text);
    const response = await agent.post('/admin/sign-in').type('form').send({ _csrf: csrf, email, password }).expect(401);
    messages.add(/<li><a href="#email">([^<]+)</.exec(response.text)![1]!);
  }
  expect(messages.size).toBe(1);
  const failures = portal.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sign-in-failed'").pluck().get();
  expect(failures).toBe(3);
});

test('sign-in is throttled per account: after five failures even the right password is refused', async () => {
  const agent = request.agent(portal.app);
  const csrf = csrfTokenIn((await agent.get('/admin/sign-in')).text);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await agent
      .post('/admin/sign-in')
      .type('form')
      .send({ _csrf: csrf, email: officerEmail, password: 'guess number ' + attempt })
      .expect(401);
  }
  const refused = await agent
    .post('/admin/sign-in')
    .type('form')
    .send({ _csrf: csrf, email: officerEmail, password: officerPassword })
    .expect(401);
  expect(refused.text).toContain('too many attempts');
  // Another account from the same client is not locked by this one's failures.
  await addOfficer(portal, 'colleague@example.org', 'a different long password');
  await agent
    .post('/admin/sign-in')
    .type('form')
    .send({ _csrf: csrf, email: 'colleague@example.org', password: 'a different long password' })
    .expect(303);
});

test('sign-in is throttled per client across accounts', async () => {
  const agent = request.agent(portal.app);
  const csrf = csrfTokenIn((await agent.get('/admin/sign-in')).text);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await agent
      .post('/admin/sign-in')
      .type('form')
      .send({ _csrf: csrf, email: `person${attempt}@example.org`, password: 'wrong password' })
      .expect(401);
  }
  await agent
    .post('/admin/sign-in')
    .type('form')
    .send({ _csrf: csrf, email: officerEmail, password: officerPassword })
    .expect(401);
});

test('signing in returns to the page asked for, but never to another site', async () => {
  const agent = request.agent(portal.app);
  const redirect = await agent.get('/admin/submissions?status=new').expect(303);
  expect(redirect.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fsubmissions%3Fstatus%3Dnew');
  const csrf = csrfTokenIn((await agent.get(redirect.headers.location!)).text);
  const back = await agent
    .post('/admin/sign-in')
    .type('form')
    .send({ _csrf: csrf, email: officerEmail, password: officerPassword, next: '/admin/submissions?status=new' });
  expect(back.headers.location).toBe('/admin/submissions?status=new');
  const other = await signIn(portal.app);
  const away = await other.agent
    .post('/admin/sign-in')
    .type('form')
    .send({ _csrf: other.csrf, email: officerEmail, password: officerPassword, next: '//evil.example/admin' });
  expect(away.headers.location).toBe('/admin');
});

test('a disabled officer is signed out on their next request', async () => {
  const { agent } = await signIn(portal.app);
  await agent.get('/admin').expect(200);
  portal.services.officers.setDisabled(officerEmail, true);
  await agent.get('/admin').expect(303);
});

test('signing out ends the session', async () => {
  const { agent, csrf } = await signIn(portal.app);
  await agent.post('/admin/sign-out').type('form').send({ _csrf: csrf }).expect(303);
  await agent.get('/admin').expect(303);
});

test('workspace pages are not cached', async () => {
  const { agent } = await signIn(portal.app);
  const page = await agent.get('/admin').expect(200);
  expect(page.headers['cache-control']).toBe('no-store');
});

describe('accounts', () => {
  test('passwords are hashed with scrypt at OWASP’s recommended cost', async () => {
    expect(owaspScryptCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await new PasswordHasher().hash('a password to hash');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await new PasswordHasher().verify('a password to hash', hash)).toBe(true);
    expect(await new PasswordHasher().verify('another password', hash)).toBe(false);
  });

  test('a short password, a duplicate account and a bad email are refused with a message', async () => {
    await expect(portal.services.officers.add('new@example.org', 'short')).rejects.toThrow('at least 12 characters');
    await expect(portal.services.officers.add(officerEmail.toUpperCase(), 'long enough password')).rejects.toThrow(
      'already an account',
    );
    await expect(portal.services.officers.add('not an email', 'long enough password')).rejects.toThrow(
      'is not an email address',
    );
  });

  test('a reset password works, and the old one no longer does', async () => {
    await portal.services.officers.resetPassword(officerEmail, 'a brand new password');
    expect(await portal.services.officers.authenticate(officerEmail, officerPassword)).toBeNull();
    expect(await portal.services.officers.authenticate(officerEmail, 'a brand new password')).not.toBeNull();
  });
});

describe('found in review', () => {
  test('a multipart POST without a CSRF token is refused on a route that does not read multipart', async () => {
    const reference = await portal.services.submissions.submit(
      {
        respondentType: 'individual',
        name: 'Kept',
        email: 'kept@example.org',
        bodyName: null,
        roleInBody: null,
        constituency: 'arfon',
        answers: [],
        anythingElse: 'Keep me',
        meetingDate: null,
        meetingAttendance: null,
        consentToQuote: false,
      },
      [],
      'en',
      'f'.repeat(32),
    );
    const { agent } = await signIn(portal.app);
    await agent.post(`/admin/submissions/${reference}/erase`).field('anything', 'x').expect(403);
    expect(portal.services.submissions.find(reference).reference).toBe(reference);
  });

  test('resetting a password or disabling an account ends the sessions it had', async () => {
    const first = await signIn(portal.app);
    await portal.services.officers.resetPassword(officerEmail, 'a fresh long password');
    await first.agent.get('/admin').expect(303);
    const second = await signIn(portal.app, officerEmail, 'a fresh long password');
    portal.services.officers.setDisabled(officerEmail, true);
    portal.services.officers.setDisabled(officerEmail, false);
    await second.agent.get('/admin').expect(303);
  });

  test('the workspace address in capitals is refused like any other, not with an error', async () => {
    await request(portal.app).get('/ADMIN').expect(303);
    const { agent } = await signIn(portal.app);
    await agent.get('/ADMIN/submissions').expect(200);
  });
});
