import { AGGLOMERATION_COMMUNES } from './communes-data.ts';

/**
 * The agglomeration's member communes, from @etalab/decoupage-administratif.
 *
 * Population rule: the figure that counts is the `population` field of `data/communes.json`
 * (population municipale of the INSEE census as published by the package), not the
 * `populationMunicipale` / `populationTotale` fields of `data/epci.json`. Saint-Venant (62770)
 * is 2,999 by that figure (3,002 municipale and 3,105 totale in epci.json): under 3,000.
 */
export const AGGLOMERATION_EPCI_SIREN = '200072460';
/**
 * Which population: INSEE's population municipale, populations légales millésimées 2023 (in force on
 * 1 January 2026), as @etalab/decoupage-administratif 6.0.0 (its 2026 edition) ships them. The
 * vintage follows INSEE's calendar (the populations of year N are in force on 1 January N+3) and
 * the package's table of editions; a new edition of the package changes it, and the rule set names it.
 */
export const POPULATION_SOURCE =
  'Population municipale INSEE, populations légales millésimées 2023 en vigueur au 1er janvier 2026 (@etalab/decoupage-administratif 6.0.0, data/communes.json, champ « population »)';
/** The same source as people read it, in « Explication du calcul » (never the package path). */
export const POPULATION_IN_WORDS =
  'Population des communes : population municipale INSEE (populations légales millésimées 2023, en vigueur au 1er janvier 2026), telle que l’État la diffuse avec le découpage administratif.';

export interface AgglomerationCommune {
  insee: string;
  name: string;
  /** The population that counts for the rules (communes.json `population`). */
  population: number;
  /** For information only (epci.json). */
  epciPopulationMunicipale?: number;
  epciPopulationTotale?: number;
}

interface EpciRecord {
  code: string;
  membres: { code: string; nom: string; populationMunicipale?: number; populationTotale?: number }[];
}
interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  population?: number;
}

/** Pure: builds the member list from the two data files. */
export function buildAgglomerationCommunes(
  epci: readonly EpciRecord[],
  communes: readonly CommuneRecord[],
  epciSiren = AGGLOMERATION_EPCI_SIREN,
): AgglomerationCommune[] {
  const record = epci.find((e) => e.code === epciSiren);
  if (!record) throw new Error(`EPCI ${epciSiren} absent des données du découpage administratif`);
  const byCode = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
  return record.membres.map((m) => {
    const c = byCode.get(m.code);
    if (!c || typeof c.population !== 'number') {
      throw new Error(`Commune ${m.code} (${m.nom}) absente de communes.json ou sans population`);
    }
    return {
      insee: m.code,
      name: c.nom,
      population: c.population,
      epciPopulationMunicipale: m.populationMunicipale,
      epciPopulationTotale: m.populationTotale,
    };
  });
}

/**
 * The member communes, from the data module generated out of the package's JSON files
 * (scripts/generate-communes.ts): 100 entries that bundle into a Lambda, where the package's
 * 12 MB of JSON would not. `communes.test.ts` checks they still match the package.
 */
export function loadAgglomerationCommunes(): readonly AgglomerationCommune[] {
  return AGGLOMERATION_COMMUNES;
}
