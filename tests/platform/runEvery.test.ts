import { runEvery } from '../../server/platform/jobs/runEvery';
import { waitUntil } from '../support/waitUntil';

test('a run of a repeated job that throws is reported, and the job goes on running', async () => {
  const reported: { what: string; error: unknown }[] = [];
  let runs = 0;
  const timer = runEvery(
    5,
    'Sweeping',
    () => {
      runs += 1;
      if (runs === 1) throw new Error('the disk went away');
    },
    (what, error) => reported.push({ what, error }),
  );
  try {
    await waitUntil(() => runs >= 3, 'three runs');
  } finally {
    clearInterval(timer);
  }
  expect(reported).toEqual([{ what: 'Sweeping', error: new Error('the disk went away') }]);
});
