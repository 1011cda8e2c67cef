import type { AnahCeilingRow } from './anah-ceilings.ts';
import type { AgglomerationCommune } from './communes.ts';

/** A quartier prioritaire de la politique de la ville, kept by an admin as configuration. */
export interface Qpv {
  code: string;
  name: string;
  /** INSEE codes of the communes it lies in (a district may span two). */
  communes: readonly string[];
}

/** Reference data passed to eligibility and amounts: nothing is read behind the caller's back. */
export interface ReferenceData {
  anahCeilings: readonly AnahCeilingRow[];
  communes: readonly AgglomerationCommune[];
  /** The districts of the QPV list in force on the date judged (see qpv-lists.ts); empty if none. */
  qpv: readonly Qpv[];
  /** Which list `qpv` is (null: none in force); a demonstration list is said so wherever it is used. */
  qpvList?: { generation: string; demonstration: boolean; source: string } | null;
}
