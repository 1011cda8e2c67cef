import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionName, IAM_ACTIONS } from '../src/function-access.ts';
import { sdkCalls } from './sdk-calls.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// Inside the repository so that the bundles resolve the SDK from its node_modules.
const dir = mkdtempSync(join(ROOT, 'node_modules/.grants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('IAM grants are derived from the code each function bundles', () => {
  it.each(Object.keys(FUNCTIONS) as FunctionName[])('%s: no grant unused, none missing', async (name) => {
    const access = FUNCTIONS[name];
    const calls = await sdkCalls(ROOT, access.entry, join(dir, name));
    const unknown = [...calls].filter((c) => !IAM_ACTIONS[c]);
    expect(unknown, 'SDK calls with no IAM mapping in function-access.ts').toEqual([]);
    const needed = [...new Set([...calls].flatMap((c) => IAM_ACTIONS[c] ?? []))].sort();
    const granted = [...access.dynamodb, ...access.s3, ...access.cognito, ...access.ses].sort();
    expect(granted, `calls: ${[...calls].sort().join(', ')}`).toEqual(needed);
  });
});
