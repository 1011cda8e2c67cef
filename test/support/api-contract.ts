import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../functions/src/system/openapi.ts';

/**
 * Checks an answer the tests received against the OpenAPI document: the operation (method and
 * path), the status (documented, or `default` for a 500), the media type, the body's schema, and
 * the ETag / Location headers the document promises. Validators are compiled once per
 * operation, status and media type, on first use.
 */
// biome-ignore lint/suspicious/noExplicitAny: walks an arbitrary JSON document (the OpenAPI one)
type Json = Record<string, any>;
interface Operation {
  readonly key: string;
  readonly pattern: RegExp;
  readonly method: string;
  readonly responses: Json;
}

let state:
  | { doc: Json; operations: Operation[]; ajv: Ajv2020; cache: Map<string, ValidateFunction> }
  | undefined;

function load() {
  if (state) return state;
  const doc = buildOpenApiDocument() as Json;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+').replaceAll('.', '\\.')}$`);
    for (const [method, op] of Object.entries(item as Json))
      operations.push({ key: `${method.toUpperCase()} ${path}`, pattern, method, responses: op.responses });
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  state = { doc, operations, ajv, cache: new Map() };
  return state;
}

const resolve = (doc: Json, node: Json): Json =>
  typeof node?.$ref === 'string'
    ? resolve(
        doc,
        node.$ref
          .slice(2)
          .split('/')
          .reduce((n: Json, k: string) => n[k], doc),
      )
    : node;

/** The documented operation a request went to, if any (`GET /api/dossiers/{id}`). */
export function operationOf(method: string, url: string) {
  const path = url.split('?')[0] ?? '';
  const m = method.toLowerCase();
  return load().operations.find((o) => o.method === m && o.pattern.test(path));
}

/** Why this answer is not what the document says, or nothing when it is. */
export function contractViolations(
  method: string,
  url: string,
  status: number,
  headers: Headers,
  body: unknown,
): string[] {
  const { doc, ajv, cache } = load();
  const op = operationOf(method, url);
  const type = (headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!op) {
    // Outside the document: only the gateway's "no such route" problem is acceptable.
    return status === 404 && type === 'application/problem+json'
      ? []
      : [`${method} ${url} : route absente du document`];
  }
  const documented = op.responses[String(status)] ?? (status === 500 ? op.responses.default : undefined);
  if (!documented) return [`${op.key} : statut ${status} non documenté`];
  const response = resolve(doc, documented);
  const errors: string[] = [];
  for (const [name, expected] of [
    ['ETag', 'etag'],
    ['Location', 'location'],
  ] as const)
    if (response.headers?.[name] && !headers.get(expected))
      errors.push(`${op.key} ${status} : en-tête ${name} absent`);
  const content = response.content as Json | undefined;
  if (!content) {
    if (body !== undefined && body !== '' && !(body instanceof Uint8Array && body.length === 0))
      errors.push(`${op.key} ${status} : corps non documenté`);
    return errors;
  }
  const media = content[type];
  if (!media) return [...errors, `${op.key} ${status} : type ${type || '(aucun)'} non documenté`];
  if (!type.includes('json')) return errors;
  const key = `${op.key} ${status} ${type}`;
  let validate = cache.get(key);
  if (!validate) {
    const schema = JSON.parse(
      JSON.stringify(media.schema).replaceAll('"#/components/', '"openapi#/components/'),
    );
    validate = ajv.compile(schema);
    cache.set(key, validate);
  }
  if (!validate(body))
    for (const e of validate.errors ?? [])
      errors.push(`${op.key} ${status} : ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  return errors;
}
