import * as z from 'zod';
import { routeKey, routes } from '../routes.ts';
import { requestSchemas } from './request-schemas.ts';

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

/** Query parameters from a zod object: one parameter per key. */
function queryParameters(schema: z.ZodObject) {
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

const problem = {
  description: 'Erreur (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** OpenAPI 3.1 document: paths from the route table, request schemas from the use cases' zod schemas. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const request = requestSchemas[routeKey(r)];
    const params: unknown[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (request?.query) params.push(...queryParameters(request.query));
    paths[r.path] ??= {};
    paths[r.path]![r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.area],
      ...(params.length ? { parameters: params } : {}),
      ...(request?.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(request.body) } },
            },
          }
        : {}),
      ...(r.public ? { security: [] } : { 'x-roles': r.roles }),
      responses: { '200': { description: 'Succès' }, default: problem },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Aides de la CABBALR', version: '0.1.0', description: 'API des dossiers d’aide' },
    servers: [{ url: '/' }],
    security: [{ jwt: [] }],
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            correlationId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
