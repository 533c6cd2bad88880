import { createTestPortal, type TestPortal } from '../support/testPortal';
import { addOfficer, signIn } from '../support/officer';
import { lockDatabase } from '../support/storageFaults';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

test("the officer's pages still arrive while the database cannot be written: keeping the session alive waits for the next request", async () => {
  await addOfficer(portal);
  const { agent } = await signIn(portal.app);
  const release = lockDatabase(portal);
  try {
    await agent.get('/admin/submissions').expect(200);
  } finally {
    release();
  }
});
