import { checkStoreHealth } from '@aides/store';
import { defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';
import { buildOpenApiDocument } from './openapi.ts';

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
    'GET /api/openapi.json': async () => json(200, buildOpenApiDocument()),
    'GET /api/me': async ({ caller }) => json(200, caller),
  });
