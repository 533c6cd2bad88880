import Database from 'better-sqlite3';
import {
  brokenUniqueConstraint,
  UniqueValueTaken,
  withNamedConstraints,
} from '../../server/platform/db/constraintErrors';
import { DuplicateForm, DuplicateReference } from '../../server/submissions/submissionRepository';
import { DigestRepository, DigestSlotTaken } from '../../server/features/digests/digestRepository';
import { createTestPortal, duringConsultation, type TestPortal } from '../support/testPortal';
import { storeResponse } from '../support/officerWorkspace';

class DuplicateCode extends UniqueValueTaken {}
class DuplicatePair extends UniqueValueTaken {}

describe('named constraint errors', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE things (code TEXT UNIQUE, label TEXT, left TEXT, right TEXT, UNIQUE (left, right));
    INSERT INTO things VALUES ('a', 'first', 'x', 'y')`);
  afterAll(() => db.close());
  const insert = (code: string, label: string | null, left: string, right: string) => () =>
    db.prepare('INSERT INTO things VALUES (?, ?, ?, ?)').run(code, label, left, right);
  const named = { 'things.code': DuplicateCode, 'things.left, things.right': DuplicatePair };

  test('a broken unique constraint is named by its columns, and any other error by nothing', () => {
    const thrown = (write: () => unknown) => {
      try {
        write();
      } catch (error) {
        return error;
      }
      throw new Error('the write did not fail');
    };
    expect(brokenUniqueConstraint(thrown(insert('a', 'again', 'p', 'q')))).toBe('things.code');
    expect(brokenUniqueConstraint(thrown(insert('b', 'again', 'x', 'y')))).toBe('things.left, things.right');
    expect(brokenUniqueConstraint(thrown(() => db.prepare('INSERT INTO nowhere VALUES (1)').run()))).toBeNull();
    expect(brokenUniqueConstraint(new Error('UNIQUE constraint failed: things.code'))).toBeNull();
  });

  test('a write that breaks a named constraint throws its class, with SQLite’s error as the cause', () => {
    expect(() => withNamedConstraints(named, insert('a', 'again', 'p', 'q'))).toThrow(DuplicateCode);
    expect(() => withNamedConstraints(named, insert('c', 'again', 'x', 'y'))).toThrow(DuplicatePair);
    try {
      withNamedConstraints(named, insert('a', 'again', 'p', 'q'));
    } catch (error) {
      expect(error).toBeInstanceOf(UniqueValueTaken);
      expect((error as Error).name).toBe('DuplicateCode');
      expect(((error as Error).cause as { code: string }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    }
  });

  test('other errors, and constraints it does not name, pass unchanged; a write that succeeds returns its result', () => {
    expect(() => withNamedConstraints({ 'things.code': DuplicateCode }, insert('d', 'again', 'x', 'y'))).toThrow(
      /UNIQUE constraint failed: things.left/,
    );
    expect(() => withNamedConstraints(named, () => db.prepare('INSERT INTO nowhere VALUES (1)').run())).toThrow(
      /no such table/,
    );
    expect(withNamedConstraints(named, insert('e', 'fine', 'e', 'e')).changes).toBe(1);
  });
});

describe('the repositories’ named errors', () => {
  let portal: TestPortal;
  beforeEach(() => (portal = createTestPortal()));
  afterEach(() => portal.close());

  test('a form token or reference already stored, and a digest slot already made, throw their own classes', async () => {
    const reference = await storeResponse(portal, duringConsultation.toISOString());
    const stored = portal.services.submissions.find(reference);
    const { submissions } = portal.services.repositories;
    expect(() => submissions.insert({ ...stored, reference: 'S2-OTHER' })).toThrow(DuplicateForm);
    expect(() => submissions.insert({ ...stored, formToken: 'another-token' })).toThrow(DuplicateReference);

    const digests = new DigestRepository(portal.db);
    const digest = {
      slot: 'daily 2020-05-12',
      kind: 'daily',
      scheduledFor: '',
      createdAt: '',
      late: false,
      lastSubmissionId: 0,
      newSubmissions: 0,
      skipped: true,
    } as const;
    digests.insert(digest);
    expect(() => digests.insert(digest)).toThrow(DigestSlotTaken);
  });
});
