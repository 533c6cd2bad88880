import { Router } from 'express';
import helmet from 'helmet';

/**
 * Security headers. The pages carry no inline script or style at all, so the policy needs no
 * nonce: scripts and styles come only from this origin's public/ folder.
 */
export function setUpWebSecurity(): Router {
  const router = Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  return router;
}
