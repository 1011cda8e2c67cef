import { describe, expect, it } from 'vitest';
import type { Application } from '../applications/schemas.ts';
import { ruleSetInForce } from '../schemes/registry.ts';
import {
  essApplication,
  fteApplication,
  habitatApplication,
  testReference,
  tpeApplication,
} from '../testing/fixtures.ts';
import { checkEligibility } from './check.ts';

const ref = testReference();
const judge = (app: Application) => {
  const rs = ruleSetInForce(app.scheme, app.filingDate ?? '');
  if (!rs) throw new Error('no rule set');
  return checkEligibility(app, rs, ref);
};
const reasonOf = (app: Application, rule: string) => judge(app).reasons.find((r) => r.rule === rule);

describe('every scheme: commune membership and works not started', () => {
  const lens = {
    line1: '1 place Jean Jaurès',
    postalCode: '62300',
    communeInsee: '62498',
    communeName: 'Lens',
  };
  it.each([
    ['FTE', fteApplication({ address: lens }), 'fte.commune'],
    ['TPE', tpeApplication({ address: lens }), 'tpe.commune'],
    ['ESS', essApplication({ address: lens }), 'ess.commune'],
    ['HABITAT', habitatApplication({ address: lens }), 'habitat.commune'],
  ] as const)('%s in Lens (outside the agglomeration) is not eligible', (_s, app, rule) => {
    const r = judge(app);
    expect(r.outcome).toBe('not_eligible');
    expect(r.reasons.find((x) => x.rule === rule)?.message).toMatch(/n'est pas membre/);
  });

  it('Habitat works started before filing are refused', () => {
    const app = habitatApplication();
    const w = app.works[0];
    if (!w) throw new Error();
    expect(
      reasonOf({ ...app, works: [{ ...w, startDate: '2024-01-01' }] }, 'habitat.works_not_started')?.outcome,
    ).toBe('not_eligible');
  });
});
