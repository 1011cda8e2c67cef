import type { AnahCeilingRow } from './anah-ceilings.ts';
import type { AgglomerationCommune } from './communes.ts';

/** A quartier prioritaire de la politique de la ville, kept by an admin as configuration. */
export interface Qpv {
  code: string;
  name: string;
  communeInsee: string;
}

/** Reference data passed to eligibility and amounts: nothing is read behind the caller's back. */
export interface ReferenceData {
  anahCeilings: readonly AnahCeilingRow[];
  communes: readonly AgglomerationCommune[];
  qpv: readonly Qpv[];
}
