import { Router, type RequestHandler } from 'express';
import type { I18n } from './web/setUpI18n';
import { requireOfficer, setUpOfficerSession } from './features/accounts/setUpOfficerSession';
import type { Services } from './services';
import { registerAuditRoutes } from './features/audit/auditRoutes';
import { registerDashboardRoutes } from './features/dashboard/dashboardRoutes';
import { registerDigestRoutes } from './features/digests/digestRoutes';
import { registerEntryRoutes } from './features/workspace/entryRoutes';
import { registerExportRoutes } from './features/exports/exportRoutes';
import { registerSignInRoutes } from './features/accounts/signInRoutes';
import { registerSubmissionRoutes } from './features/workspace/submissionRoutes';
import { registerUnitRoutes } from './features/units/unitRoutes';

/**
 * The Policy Officer's workspace. Sign-in comes first; every route registered after the
 * requireOfficer guard needs a signed-in officer. All routes sit on this one router, so that a
 * test can walk its stack and prove it of every route, including any added later.
 */
export function adminRouter(
  services: Services,
  verifyCsrf: RequestHandler,
  secureCookies: boolean,
  i18n: I18n,
): Router {
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
  registerUnitRoutes(router, services, verifyCsrf);
  return router;
}
