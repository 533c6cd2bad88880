import type { Router } from 'express';
import { z } from 'zod';
import type { Services } from '../../services';

const subscriptionForm = z.object({ wantsDigest: z.enum(['yes', 'no']) });

/** The digests: their history, who gets them, a preview of the next, and "send now". */
export function registerDigestRoutes(router: Router, { digests, officers, outbox }: Services): void {
  router.get('/digests', (req, res) => {
    res.render('pages/admin/digests', {
      history: digests.history(),
      recipients: digests.recipients(),
      preview: digests.preview(),
      undeliverable: outbox.undeliverableReceipts(),
      sent: req.query.sent === '1',
    });
  });

  router.post('/digests/send', (_req, res) => {
    digests.makeNow(officers.actorFor(res.locals.officer!));
    res.redirect(303, '/admin/digests?sent=1');
  });

  router.post('/digests/subscription', (req, res) => {
    const { wantsDigest } = subscriptionForm.parse(req.body);
    officers.setWantsDigest(res.locals.officer!, wantsDigest === 'yes');
    res.redirect(303, '/admin/digests');
  });
}
