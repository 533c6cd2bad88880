import path from 'node:path';
import express from 'express';
import cookieParser from 'cookie-parser';
import ejs from 'ejs';
import { projectRoot } from './config';
import { errorHandler, notFound } from './platform/http/errorHandler';
import { setUpCompression } from './platform/http/setUpCompression';
import { setUpCsrf } from './platform/http/setUpCsrf';
import { setUpI18n } from './web/setUpI18n';
import { setUpStaticAssets } from './platform/http/setUpStaticAssets';
import { setUpViewLocals } from './web/setUpViewLocals';
import { setUpVisitor } from './platform/http/setUpVisitor';
import { setUpWebSecurity } from './platform/http/setUpWebSecurity';
import { viewVocabulary } from './web/viewVocabulary';
import { adminRouter } from './adminRouter';
import { publicRouter } from './features/pages/pagesRouter';
import { respondRouter } from './features/respond/respondRouter';
import { draftRoutes } from './features/drafts';
import type { Services } from './services';

/** Builds the web application: middleware in a fixed order, then the journeys' routers. */
export function createApp(services: Services): express.Express {
  const { config } = services;
  const secureCookies = config.baseUrl.startsWith('https:');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const viewsDir = path.join(projectRoot, 'views');
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  if (config.environment === 'production') app.enable('view cache');
  // Views include each other by their path in the views folder ('/partials/select'): with `root`,
  // EJS resolves that without asking the file system on every render, as it does for a relative path.
  app.engine('ejs', (file, locals, callback) =>
    ejs.renderFile(file, locals, { root: viewsDir, views: [viewsDir], cache: app.enabled('view cache') }, callback),
  );

  app.use(setUpWebSecurity());
  app.use(setUpCompression());
  const assets = setUpStaticAssets(path.join(projectRoot, 'public'), config.environment === 'production');
  app.locals.asset = assets.url;
  app.locals.baseUrl = config.baseUrl;
  Object.assign(app.locals, viewVocabulary);
  app.use(assets.router);
  app.use(cookieParser(config.cookieSecret));
  app.use(setUpVisitor(secureCookies));
  const i18n = setUpI18n(services, secureCookies);
  app.use(i18n.router);
  app.use(setUpViewLocals(services));
  // After the view locals, so that a body it refuses still gets the portal's own error page.
  app.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 200 }));
  // The only forms that send files; each checks its token as soon as its body is read.
  const csrf = setUpCsrf(config.cookieSecret, secureCookies, [
    '/respond',
    '/respond/draft',
    '/admin/entries',
    '/admin/units/import',
  ]);
  app.use(csrf.router);

  app.use('/', publicRouter());
  app.use('/respond/draft', draftRoutes(services, csrf.verify, secureCookies));
  app.use('/respond', respondRouter(services, csrf.verify, secureCookies, i18n));
  app.use('/admin', adminRouter(services, csrf.verify, secureCookies, i18n));

  app.use(notFound);
  app.use(errorHandler(config.environment === 'development'));
  return app;
}
