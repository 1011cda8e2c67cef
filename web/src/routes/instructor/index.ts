import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import type { WebDeps } from '../../lib/http.ts';
import { paymentQueueRoutes } from '../payment-documents/instructor-queue.tsx';
import { instructorDossierRoutes } from './dossier.tsx';
import { myQueueRoutes } from './my-queue.tsx';
import { queueRoutes } from './queue.tsx';

/** Instructor pages: queues and the dossier page with its forms. */
export function instructorRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.route('/', queueRoutes(deps));
  app.route('/', myQueueRoutes(deps));
  app.route('/', instructorDossierRoutes(deps));
  app.route('/', paymentQueueRoutes(deps));
  return app;
}
