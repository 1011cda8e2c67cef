import { describe, expect, it } from 'vitest';
import { lintOpenApi } from '../../../scripts/openapi/lint.ts';
import { routes } from '../routes.ts';
import { buildOpenApiDocument } from './openapi.ts';

type Operation = {
  operationId: string;
  tags: string[];
  parameters?: { $ref?: string; name?: string }[];
  responses: Record<string, { $ref?: string; headers?: Record<string, unknown> }>;
};
const doc = buildOpenApiDocument();
const operations = Object.values(doc.paths).flatMap((p) => Object.values(p)) as Operation[];

describe('OpenAPI document', () => {
  it('names every operation once, in camelCase, with a tag the document declares', () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids).toHaveLength(routes.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]+$/);
    const tags = new Set<string>(doc.tags.map((t) => t.name));
    for (const o of operations) expect(tags.has(o.tags[0] ?? '')).toBe(true);
  });

  it('documents the problem answers, If-Match, Idempotency-Key, ETag and Location where they apply', () => {
    const op = (id: string) => operations.find((o) => o.operationId === id) as Operation;
    const submit = op('submitDossier');
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining([
        '201',
        '400',
        '401',
        '403',
        '404',
        '409',
        '413',
        '422',
        '428',
        '503',
        'default',
      ]),
    );
    expect(submit.parameters?.map((p) => p.$ref)).toEqual(
      expect.arrayContaining(['#/components/parameters/IfMatch', '#/components/parameters/IdempotencyKey']),
    );
    expect(submit.responses['201']?.headers).toHaveProperty('ETag');
    expect(op('exportPayments').responses['303']?.headers).toHaveProperty('Location');
    expect(doc.components.responses.ServiceUnavailable).toMatchObject({ headers: { 'Retry-After': {} } });
    expect(Object.keys(op('getDossier').responses)).not.toContain('428');
  });

  it('passes Redocly’s recommended rules with no error and no warning', async () => {
    expect((await lintOpenApi()).map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  });
});
