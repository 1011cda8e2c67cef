import { describe, expect, it } from 'vitest';
import { apiTypesAreCurrent } from '../scripts/openapi/types.ts';

describe('generated API types', () => {
  it('test/support/api-types.ts matches the OpenAPI document (else: npm run api:types)', async () => {
    expect(
      await apiTypesAreCurrent(),
      'test/support/api-types.ts est périmé : lancez npm run api:types',
    ).toBe(true);
  });
});
