import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildAgglomerationCommunes, loadAgglomerationCommunes } from './communes.ts';

describe('agglomeration communes (@etalab/decoupage-administratif)', () => {
  it('has 100 members, 77 under 3,000 inhabitants by communes.json', () => {
    const communes = loadAgglomerationCommunes();
    expect(communes).toHaveLength(100);
    expect(communes.filter((c) => c.population < 3000)).toHaveLength(77);
    expect(communes.find((c) => c.insee === '62119')?.name).toBe('Béthune');
  });
  it('Saint-Venant (62770) counts 2,999 (communes.json) though epci.json says 3,002', () => {
    const sv = loadAgglomerationCommunes().find((c) => c.insee === '62770');
    expect(sv).toMatchObject({ name: 'Saint-Venant', population: 2999, epciPopulationMunicipale: 3002 });
  });
  // Reads and parses the package's two JSON files (12.6 MB): about 0.3 s on a quiet core, many
  // times that on a loaded machine, where vitest's 5 s default was hit. An honest budget instead.
  it('the bundled data module matches @etalab/decoupage-administratif (regenerate with scripts/generate-communes.ts)', {
    timeout: 60_000,
  }, () => {
    const require = createRequire(import.meta.url);
    const fromPackage = buildAgglomerationCommunes(
      require('@etalab/decoupage-administratif/data/epci.json'),
      require('@etalab/decoupage-administratif/data/communes.json'),
    );
    expect(loadAgglomerationCommunes()).toEqual(fromPackage);
  });
});
