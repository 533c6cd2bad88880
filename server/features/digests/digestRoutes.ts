import type { Router } from 'express';
import { z } from 'zod';
import { languages } from '../../platform/vocabulary';
import type { Services } from '../../services';

/** Getting the digests or not, and in which language: the page's, unless the form names the other. */
const subscriptionForm = z.object({ wantsDigest: z.enum(['yes', 'no']), language: z.enum(languages).optional() });

/** The digests: their history, who gets them, a preview of the next in the page's language, and "send now". */
export function registerDigestRoutes(router: Router, { digests, officers, config }: Services): void {
  router.get('/digests', (req, res) => {
    res.render('digests/digests', {
      history: digests.history(),
      recipients: digests.recipients(),
      preview: digests.preview(req.language),
      schedule: config.digests,
      otherDigestLanguages: languages.filter((language) => language !== res.locals.officer!.digestLanguage),
      undeliverable: digests.undeliverableReceipts(),
      sent: req.query.sent === '1',
    });
  });

  router.post('/digests/send', (_req, res) => {
    digests.makeNow(officers.actorFor(res.locals.officer!));
    res.redirect(303, '/admin/digests?sent=1');
  });

  router.post('/digests/subscription', (req, res) => {
    const { wantsDigest, language } = subscriptionForm.parse(req.body);
    officers.setDigestLanguage(res.locals.officer!, wantsDigest === 'yes' ? (language ?? req.language) : null);
    res.redirect(303, '/admin/digests');
  });
}
