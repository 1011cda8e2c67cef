import { RETENTION_STATES } from '@aides/domain';
import { RETENTION_INDEXED_STATES } from '@aides/store';
import { expect, it } from 'vitest';

it('the store indexes exactly the states the retention table names', () => {
  expect([...RETENTION_INDEXED_STATES].sort()).toEqual([...RETENTION_STATES].sort());
});
