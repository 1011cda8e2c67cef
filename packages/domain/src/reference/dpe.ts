/**
 * Energy performance classes of the DPE (diagnostic de performance énergétique), best to worst.
 * Source: Code de la construction et de l'habitation, art. L126-26 et arrêté du 31 mars 2021
 * (étiquettes A à G). Classes gained = worst-to-best steps between the DPE before the works and
 * the one the energy assessment (audit) projects after them.
 */
export const DPE_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type DpeClass = (typeof DPE_CLASSES)[number];

/** 1 for A … 7 for G (the numbering betagouv/reno uses: `DPE . actuel >= 5` is E, F or G). */
export const dpeRank = (c: DpeClass): number => DPE_CLASSES.indexOf(c) + 1;

/** Classes gained from `before` to `after` (negative when the works would worsen the class). */
export const classesGained = (before: DpeClass, after: DpeClass): number => dpeRank(before) - dpeRank(after);
