import { checkStoreHealth } from '@aides/store/health';
import { defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

export const makeSystemHandler = ({ ctx }: AreaDeps) =>
  defineArea('system', {
    'GET /api/health': async () => {
      const health = await checkStoreHealth(ctx.store);
      return json(health.ok ? 200 : 503, {
        statut: health.ok ? 'ok' : 'dégradé',
        dynamodb: health.table,
        s3: health.bucket,
      });
    },
    // Every request schema of every area, loaded for this route only: health checks and /me (the
    // cold starts that matter) do not pay for them.
    'GET /api/openapi.json': async () => json(200, (await import('./openapi.ts')).buildOpenApiDocument()),
    'GET /api/me': async ({ caller }) => json(200, caller),
  });
