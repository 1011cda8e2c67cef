/**
 * ANAH income ceilings outside Île-de-France (revenu fiscal de référence, whole euros, inclusive),
 * copied from shared/reference/anah_plafonds_hors_idf.csv with each row's source. Data by year, never
 * constants in rules: add a year here (or pass an extended table as reference data).
 * `householdSize: 'extra'` is the increment per additional person above 5.
 */
export interface AnahCeilingRow {
  year: number;
  householdSize: 1 | 2 | 3 | 4 | 5 | 'extra';
  veryModestMax: number;
  modestMax: number;
  intermediateMax: number;
  source: string;
}

export const anahCeilings: readonly AnahCeilingRow[] = [
  {
    year: 2023,
    householdSize: 1,
    veryModestMax: 16229,
    modestMax: 20805,
    intermediateMax: 29148,
    source: 'betagouv/reno app/règles/revenus.yaml @15a4d75f (2024-01-03 parent state = 2023 barème)',
  },
  {
    year: 2023,
    householdSize: 2,
    veryModestMax: 23734,
    modestMax: 30427,
    intermediateMax: 42848,
    source: 'betagouv/reno app/règles/revenus.yaml @15a4d75f (2024-01-03 parent state = 2023 barème)',
  },
  {
    year: 2023,
    householdSize: 3,
    veryModestMax: 28545,
    modestMax: 36591,
    intermediateMax: 51592,
    source: 'betagouv/reno app/règles/revenus.yaml @15a4d75f (2024-01-03 parent state = 2023 barème)',
  },
  {
    year: 2023,
    householdSize: 4,
    veryModestMax: 33346,
    modestMax: 42748,
    intermediateMax: 60336,
    source: 'betagouv/reno app/règles/revenus.yaml @15a4d75f (2024-01-03 parent state = 2023 barème)',
  },
  {
    year: 2023,
    householdSize: 5,
    veryModestMax: 38168,
    modestMax: 48930,
    intermediateMax: 69081,
    source: 'betagouv/reno app/règles/revenus.yaml @15a4d75f (2024-01-03 parent state = 2023 barème)',
  },
  {
    year: 2023,
    householdSize: 'extra',
    veryModestMax: 4813,
    modestMax: 6165,
    intermediateMax: 8744,
    source: 'betagouv/reno app/règles/revenus.yaml @15a4d75f (2024-01-03 parent state = 2023 barème)',
  },
  {
    year: 2024,
    householdSize: 1,
    veryModestMax: 17009,
    modestMax: 21805,
    intermediateMax: 30549,
    source:
      'betagouv/reno revenus.yaml @9abca9e9 (source: Anah guide aides financières 2024 p.5); ecorenove-carene.fr; hellio.com circulaire 29/11/2023',
  },
  {
    year: 2024,
    householdSize: 2,
    veryModestMax: 24875,
    modestMax: 31889,
    intermediateMax: 44907,
    source:
      'betagouv/reno revenus.yaml @9abca9e9 (source: Anah guide aides financières 2024 p.5); ecorenove-carene.fr; hellio.com circulaire 29/11/2023',
  },
  {
    year: 2024,
    householdSize: 3,
    veryModestMax: 29917,
    modestMax: 38349,
    intermediateMax: 54071,
    source:
      'betagouv/reno revenus.yaml @9abca9e9 (source: Anah guide aides financières 2024 p.5); ecorenove-carene.fr; hellio.com circulaire 29/11/2023',
  },
  {
    year: 2024,
    householdSize: 4,
    veryModestMax: 34948,
    modestMax: 44802,
    intermediateMax: 63235,
    source:
      'betagouv/reno revenus.yaml @9abca9e9 (source: Anah guide aides financières 2024 p.5); ecorenove-carene.fr; hellio.com circulaire 29/11/2023',
  },
  {
    year: 2024,
    householdSize: 5,
    veryModestMax: 40002,
    modestMax: 51281,
    intermediateMax: 72400,
    source:
      'betagouv/reno revenus.yaml @9abca9e9 (source: Anah guide aides financières 2024 p.5); ecorenove-carene.fr; hellio.com circulaire 29/11/2023',
  },
  {
    year: 2024,
    householdSize: 'extra',
    veryModestMax: 5045,
    modestMax: 6462,
    intermediateMax: 9165,
    source:
      'betagouv/reno revenus.yaml @9abca9e9 (source: Anah guide aides financières 2024 p.5); ecorenove-carene.fr; hellio.com circulaire 29/11/2023',
  },
  {
    year: 2025,
    householdSize: 1,
    veryModestMax: 17173,
    modestMax: 22015,
    intermediateMax: 30844,
    source: 'betagouv/reno revenus.yaml HEAD (commit 75790ef4 2024-12-19 MAJ 2025); infodiag.fr (+0,963%)',
  },
  {
    year: 2025,
    householdSize: 2,
    veryModestMax: 25115,
    modestMax: 32197,
    intermediateMax: 45340,
    source: 'betagouv/reno revenus.yaml HEAD (commit 75790ef4 2024-12-19 MAJ 2025); infodiag.fr (+0,963%)',
  },
  {
    year: 2025,
    householdSize: 3,
    veryModestMax: 30206,
    modestMax: 38719,
    intermediateMax: 54592,
    source: 'betagouv/reno revenus.yaml HEAD (commit 75790ef4 2024-12-19 MAJ 2025); infodiag.fr (+0,963%)',
  },
  {
    year: 2025,
    householdSize: 4,
    veryModestMax: 35285,
    modestMax: 45234,
    intermediateMax: 63844,
    source: 'betagouv/reno revenus.yaml HEAD (commit 75790ef4 2024-12-19 MAJ 2025); infodiag.fr (+0,963%)',
  },
  {
    year: 2025,
    householdSize: 5,
    veryModestMax: 40388,
    modestMax: 51775,
    intermediateMax: 73098,
    source: 'betagouv/reno revenus.yaml HEAD (commit 75790ef4 2024-12-19 MAJ 2025); infodiag.fr (+0,963%)',
  },
  {
    year: 2025,
    householdSize: 'extra',
    veryModestMax: 5094,
    modestMax: 6525,
    intermediateMax: 9254,
    source: 'betagouv/reno revenus.yaml HEAD (commit 75790ef4 2024-12-19 MAJ 2025); infodiag.fr (+0,963%)',
  },
];
