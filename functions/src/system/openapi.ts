import * as z from 'zod';
import { ROUTE_TEXTS, TAGS, type Tag } from '../route-texts.ts';
import { type ProblemStatus, type RouteDefinition, routeKey, routes } from '../routes.ts';
import { requestExamples, responseExamples } from './examples.ts';
import { requestSchemas } from './request-schemas.ts';
import { namedSchemas, responseSchemas, type SuccessAnswer } from './response-schemas.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return json;
};

/**
 * A response body's JSON Schema: the named schemas it uses (response-schemas.ts) go to
 * `components.schemas`, once, and are referenced from there.
 */
function responseSchema(schema: z.ZodType, components: Record<string, unknown>) {
  const {
    $schema: _,
    $defs,
    ...json
  } = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    metadata: namedSchemas,
  });
  const relocate = (v: unknown) =>
    JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= relocate(def);
  return relocate(json);
}

/** Query parameters from a zod object: one parameter per key. */
function queryParameters(schema: z.ZodObject) {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

const TAG_DESCRIPTIONS: Record<Tag, string> = {
  Système: 'État du service, ce document, identité de l’appelant.',
  Demandes: 'Le demandeur : brouillon, estimation, dépôt, réponse aux demandes de pièces, retrait.',
  Pièces: 'Pièces justificatives : dépôt présigné, confirmation, téléchargement.',
  Instruction: 'Les instructeurs : files, assignation, vérification des pièces, notes, proposition.',
  Bureau: 'Le Bureau communautaire : séances, ordre du jour, décisions, extrait de délibération.',
  Finances: 'Enveloppes, engagements, versements, caducité et exports comptables.',
  Rapports: 'Indicateurs annuels et numéros de dossier non attribués.',
  Administration:
    'Règlements (versions et délibérations), plafonds ANAH, personnel et journal d’audit : rôle administrateur.',
  Imports: 'Import des dossiers des années antérieures (CSV ou XLSX) : dépôt, essai, import.',
};

/** Each problem status, as a reusable response (RFC 9457 problem+json, French). */
const PROBLEMS: Record<ProblemStatus | 401 | 403 | 413, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Requête invalide : `errors` pointe chaque champ (JSON Pointer)' },
  401: { name: 'Unauthorized', description: 'Jeton absent ou invalide' },
  403: { name: 'Forbidden', description: 'Le rôle de l’appelant ne permet pas cette action' },
  404: { name: 'NotFound', description: 'Ressource introuvable (ou que l’appelant ne peut pas voir)' },
  409: {
    name: 'Conflict',
    description: 'Conflit : version périmée (If-Match), état qui ne permet pas l’action, doublon',
  },
  413: { name: 'PayloadTooLarge', description: 'Corps de plus de 256 Ko' },
  422: { name: 'Unprocessable', description: 'Demande non recevable au regard des règles métier' },
  428: { name: 'PreconditionRequired', description: 'En-tête If-Match (version du dossier) obligatoire' },
  503: { name: 'ServiceUnavailable', description: 'Service occupé : réessayer après `Retry-After` secondes' },
};
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** Every problem status an operation can answer: its own, and those its kind of route gives. */
export function problemStatuses(r: RouteDefinition): number[] {
  const all = new Set<number>(r.answers);
  if (!r.public) for (const s of [401, 403]) all.add(s);
  // Every write parses its body, schema or not: broken JSON is a 400, more than 256 KB a 413.
  if (r.method !== 'GET' && r.method !== 'DELETE') for (const s of [400, 413]) all.add(s);
  return [...all].sort((a, b) => a - b);
}

function successResponses(id: string, s: SuccessAnswer, components: Record<string, unknown>) {
  const headers = {
    'X-Correlation-Id': ref('headers', 'CorrelationId'),
    ...(s.etag ? { ETag: ref('headers', 'ETag') } : {}),
    ...(s.location ? { Location: ref('headers', 'Location') } : {}),
  };
  const content: Record<string, unknown> = {};
  if (s.body)
    content['application/json'] = {
      schema: responseSchema(s.body, components),
      ...(responseExamples[id] ? { example: responseExamples[id] } : {}),
    };
  for (const m of s.media ?? []) content[m] = { schema: { type: 'string', format: 'binary' } };
  const response = {
    description: s.description,
    headers,
    ...(Object.keys(content).length ? { content } : {}),
  };
  return {
    [String(s.status)]: response,
    ...(s.alsoStatus
      ? { [String(s.alsoStatus)]: { ...response, description: 'Un stockage ne répond pas' } }
      : {}),
  };
}

function operation(r: RouteDefinition, components: Record<string, unknown>) {
  const request = requestSchemas[routeKey(r)];
  const success = responseSchemas[r.operationId as keyof typeof responseSchemas];
  const parameters: unknown[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (request?.query) parameters.push(...queryParameters(request.query));
  if (r.answers.includes(428)) parameters.push(ref('parameters', 'IfMatch'));
  if (r.idempotencyKey) parameters.push(ref('parameters', 'IdempotencyKey'));
  const problems = Object.fromEntries(
    problemStatuses(r).map((s) => [String(s), ref('responses', PROBLEMS[s as keyof typeof PROBLEMS].name)]),
  );
  const text = ROUTE_TEXTS[r.operationId as keyof typeof ROUTE_TEXTS];
  return {
    operationId: r.operationId,
    tags: [text.tag],
    summary: text.summary,
    description: r.public
      ? text.description
      : `${text.description}\n\nRôles : ${r.roles.map((x) => `\`${x}\``).join(', ')}.`,
    ...(parameters.length ? { parameters } : {}),
    ...(request?.body
      ? {
          requestBody: {
            required: !request.bodyOptional,
            content: {
              'application/json': {
                schema: jsonSchema(request.body, 'input'),
                ...(requestExamples[r.operationId] ? { example: requestExamples[r.operationId] } : {}),
              },
            },
          },
        }
      : {}),
    ...(r.public ? { security: [] } : { 'x-roles': r.roles }),
    responses: {
      ...successResponses(r.operationId, success, components),
      ...problems,
      default: ref('responses', 'Unexpected'),
    },
  };
}

const problemResponse = (description: string, extraHeaders: Record<string, unknown> = {}) => ({
  description,
  headers: { 'X-Correlation-Id': ref('headers', 'CorrelationId'), ...extraHeaders },
  content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
});

/**
 * OpenAPI 3.1 document: operations from the route table (ids, tags, French texts, problem answers),
 * request schemas from the use cases' zod schemas, success schemas from response-schemas.ts.
 */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  for (const r of routes) {
    paths[r.path] ??= {};
    paths[r.path]![r.method.toLowerCase()] = operation(r, schemas);
  }
  const responses: Record<string, unknown> = {
    Unexpected: problemResponse('Erreur inattendue (500) : le corps ne donne que la référence à communiquer'),
  };
  for (const [status, p] of Object.entries(PROBLEMS))
    responses[p.name] = problemResponse(
      p.description,
      status === '503' ? { 'Retry-After': ref('headers', 'RetryAfter') } : {},
    );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Aides de la CABBALR',
      version: '0.1.0',
      description:
        'API des dossiers d’aide de la Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane. ' +
        'Les erreurs sont des problem+json (RFC 9457) en français ; les montants sont en centimes.',
      license: { name: 'Licence Ouverte 2.0 (Etalab)', identifier: 'etalab-2.0' },
      contact: { name: 'Communauté d’agglomération de Béthune-Bruay', url: 'https://www.bethunebruay.fr' },
    },
    servers: [
      { url: 'https://aides.agglo-bethunebruay.fr', description: 'Production (même chemin en local)' },
    ],
    security: [{ bearer: [] }],
    tags: TAGS.map((name) => ({ name, description: TAG_DESCRIPTIONS[name] })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Jeton d’identité Cognito (localement : celui de l’émetteur de démonstration).',
        },
      },
      parameters: {
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description:
            'La version du dossier lue (ETag), par exemple `"3"` : 428 sans, 409 si elle a changé.',
          schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Clé choisie par le client : un dépôt rejoué avec la même clé rend la première réponse.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
        },
      },
      headers: {
        ETag: { description: 'Version du dossier, à renvoyer en If-Match', schema: { type: 'string' } },
        Location: { description: 'Lien de téléchargement de courte durée', schema: { type: 'string' } },
        RetryAfter: { description: 'Secondes à attendre avant de réessayer', schema: { type: 'integer' } },
        CorrelationId: {
          description: 'Référence de la requête dans les journaux',
          schema: { type: 'string' },
        },
      },
      responses,
      schemas: {
        ...schemas,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string', description: 'URI du type de problème' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            correlationId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['pointer', 'detail'],
                properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
