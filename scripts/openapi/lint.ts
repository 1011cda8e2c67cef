/**
 * `npm run lint` part: the OpenAPI document against Redocly's `recommended` rules, through the
 * library (no CLI download). Any error or warning fails. Rules turned off say why, here.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildOpenApiDocument } from '../../functions/src/system/openapi.ts';

/** Rules turned off for the whole document, with the reason. None. */
const RULES_OFF: Record<string, string> = {};

/** Single findings accepted, each with the reason (rule id and JSON pointer). */
const ACCEPTED: { rule: string; pointer: string; why: string }[] = [
  {
    rule: 'operation-4xx-response',
    pointer: '#/paths/~1api~1health/get/responses',
    why: 'public, sans paramètre ni corps : aucune réponse 4xx possible (200 ou 503)',
  },
  {
    rule: 'operation-4xx-response',
    pointer: '#/paths/~1api~1openapi.json/get/responses',
    why: 'public, sans paramètre ni corps : aucune réponse 4xx possible',
  },
];

export async function lintOpenApi() {
  const config = await createConfig({
    extends: ['recommended'],
    rules: Object.fromEntries(Object.keys(RULES_OFF).map((r) => [r, 'off'])),
  });
  const problems = await lintFromString({
    source: JSON.stringify(buildOpenApiDocument()),
    absoluteRef: 'openapi.json',
    config,
  });
  return problems.filter(
    (p) => !ACCEPTED.some((a) => a.rule === p.ruleId && a.pointer === p.location[0]?.pointer),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lintOpenApi();
  for (const p of problems)
    console.error(`${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
  console.log(`OpenAPI (Redocly recommended) : ${problems.length} problème(s).`);
  process.exit(problems.length ? 1 : 0);
}
