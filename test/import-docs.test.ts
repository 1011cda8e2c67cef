import { readFileSync } from 'node:fs';
import { importColumns, SCHEMES } from '@aides/domain';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../docs/IMPORT.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('docs/IMPORT.md', () => {
  it('documents every column of every import template, and the README links it', () => {
    const undocumented = SCHEMES.flatMap((s) =>
      importColumns(s)
        .map((c) => c.name)
        .filter(
          (name) => !new RegExp(`\\|\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\|`).test(doc),
        ),
    );
    expect(undocumented).toEqual([]);
    expect(readme).toContain('docs/IMPORT.md');
  });
});
