import { Router } from 'express';
import { NotFound } from '../../platform/errors';
import { RenderedPages } from './renderedPages';

/** The pages anyone can read, in the reader's language: home, topic papers, guides and the privacy notice. */
export function publicRouter(): Router {
  const router = Router();
  const renderedPages = new RenderedPages();

  router.get('/', (req, res) => {
    res.render('pages/home', { finished: req.query.finished === '1' });
  });

  router.get('/papers/:slug', (req, res, next) => {
    const paper = res.locals.consultation.papers.find((candidate) => candidate.slug === req.params.slug);
    if (!paper) throw new NotFound();
    renderedPages.send(req, res, next, 'pages/paper', { paper });
  });

  router.get('/guides/:slug', (req, res, next) => {
    const guide = res.locals.consultation.guides.find((candidate) => candidate.slug === req.params.slug);
    if (!guide) throw new NotFound();
    renderedPages.send(req, res, next, 'pages/guide', { guide });
  });

  router.get('/privacy', (_req, res) => {
    res.render('pages/privacy');
  });

  return router;
}
