import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import type { WebDeps } from '../../lib/http.ts';
import { documentRoutes } from './documents.tsx';
import { mineRoutes } from './mine.tsx';
import { reviewRoutes } from './review.tsx';
import { wizardRoutes } from './wizard.tsx';

/** Applicant pages: the step-by-step form, documents, review and filing, "Mes dossiers". */
export function applicantRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.route('/', wizardRoutes(deps));
  app.route('/', documentRoutes(deps));
  app.route('/', reviewRoutes(deps));
  app.route('/', mineRoutes(deps));
  return app;
}
