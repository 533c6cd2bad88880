import { Router, type RequestHandler } from 'express';
import type { I18n } from '../../middleware/setUpI18n';
import { requireOfficer, setUpOfficerSession } from '../../middleware/setUpOfficerSession';
import type { Services } from '../../services';
import { registerAuditRoutes } from './auditLog';
import { registerDashboardRoutes } from './dashboard';
import { registerDigestRoutes } from './digests';
import { registerEntryRoutes } from './entries';
import { registerExportRoutes } from './exports';
import { registerSignInRoutes } from './signIn';
import { registerSubmissionRoutes } from './submissions';

/**
 * The Policy Officer's workspace. Sign-in comes first; every route registered after the
 * requireOfficer guard needs a signed-in officer. All routes sit on this one router, so that a
 * test can walk its stack and prove it of every route, including any added later.
 */
export function adminRouter(services: Services, verifyCsrf: RequestHandler, secureCookies: boolean, i18n: I18n): Router {
  const router = Router();
  router.use(setUpOfficerSession(services, secureCookies));
  registerSignInRoutes(router, services);
  router.use(requireOfficer(services));
  registerDashboardRoutes(router, services);
  registerSubmissionRoutes(router, services, i18n);
  registerEntryRoutes(router, services, verifyCsrf, i18n);
  registerExportRoutes(router, services);
  registerAuditRoutes(router, services);
  registerDigestRoutes(router, services);
  return router;
}
