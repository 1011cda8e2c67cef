/**
 * Test fixtures, also useful to other packages' tests (`@aides/domain/testing/fixtures`).
 * The QPV entry is test configuration, not an official list.
 */
import type {
  EssApplication,
  FteApplication,
  HabitatApplication,
  TpeApplication,
} from '../applications/schemas.ts';
import { anahCeilings } from '../reference/anah-ceilings.ts';
import { loadAgglomerationCommunes } from '../reference/communes.ts';
import { postalCodesOf } from '../reference/postal-codes.ts';
import type { ReferenceData } from '../reference/reference-data.ts';

export const testReference = (): ReferenceData => ({
  anahCeilings,
  communes: loadAgglomerationCommunes(),
  qpv: [{ code: 'QN06201M', name: 'Mont-Liébaut (test)', communes: ['62119'] }],
});

/** A valid numéro fiscal (key = first 10 digits mod 511). */
export const validNumeroFiscal = (ten = '1234567890'): string =>
  ten + String(Number(BigInt(ten) % 511n)).padStart(3, '0');

export const VALID_SIRET = '73282932000074';

const applicant = { lastName: 'Martin', firstName: 'Claire', birthDate: '1975-04-02' };
const contact = { email: 'claire.martin@example.fr', phone: '06 12 34 56 78' };
export const addressIn = (communeInsee: string, communeName = 'Commune') => ({
  line1: '12 rue de la Gare',
  // The commune's own postal code (official data), so the postal code ↔ commune check passes.
  postalCode: postalCodesOf(communeInsee)?.[0] ?? '62400',
  communeInsee,
  communeName,
});

export const fteApplication = (over: Partial<FteApplication> = {}): FteApplication => ({
  scheme: 'FTE',
  filingDate: '2024-03-15',
  applicant,
  contact,
  address: addressIn('62119', 'Béthune'),
  // 2024, 2 persons: intermediate is 31,890–44,907 €
  household: {
    size: 2,
    taxIncomeEuros: 38_000,
    taxIncomeYear: 2023,
    notices: [{ numeroFiscal: validNumeroFiscal(), referenceAvis: '2377A12345678' }],
  },
  ownerStatus: 'occupant',
  worksNotStarted: true,
  adviceAppointment: { date: '2024-02-01', adviser: 'Espace Conseil France Rénov’ Béthune' },
  works: [
    {
      type: 'attic_insulation',
      surfaceM2: 80,
      amountHtCents: 300_000,
      amountTtcCents: 316_500,
      company: { name: 'Isol’Artois', siret: VALID_SIRET },
    },
  ],
  ...over,
});

export const tpeApplication = (over: Partial<TpeApplication> = {}): TpeApplication => ({
  scheme: 'TPE',
  filingDate: '2024-06-10',
  applicant,
  contact,
  company: {
    name: 'Boulangerie Martin',
    siret: VALID_SIRET,
    creationDate: '2024-01-05',
    employees: 3,
    sector: 'artisanat',
  },
  project: 'creation',
  address: addressIn('62770', 'Saint-Venant'),
  investments: [{ label: 'Four', amountHtCents: 2_000_000 }],
  jobs: [
    {
      title: 'Boulanger',
      contract: 'cdi',
      workingTimePct: 100,
      under26: false,
      disabled: false,
      resident: true,
    },
  ],
  deMinimisAids: [],
  deMinimisDeclared: true,
  worksNotStarted: true,
  ...over,
});

export const essApplication = (over: Partial<EssApplication> = {}): EssApplication => ({
  scheme: 'ESS',
  filingDate: '2024-09-01',
  applicant,
  contact,
  structure: { name: 'Ressourcerie du Béthunois', legalForm: 'association' },
  project: 'creation',
  mode: 'jobs',
  address: addressIn('62119', 'Béthune'),
  deMinimisAids: [],
  deMinimisDeclared: true,
  leaders: [{ firstName: 'Claire', lastName: 'Martin', gender: 'female', role: 'Présidente' }],
  jobs: [
    {
      title: 'Valoriste',
      contract: 'cdi',
      workingTimePct: 100,
      under26: true,
      disabled: false,
      resident: true,
    },
    {
      title: 'Coordinatrice',
      contract: 'cdi',
      workingTimePct: 100,
      under26: false,
      disabled: false,
      resident: false,
    },
  ],
  ...over,
});

export const habitatApplication = (over: Partial<HabitatApplication> = {}): HabitatApplication => ({
  scheme: 'HABITAT',
  filingDate: '2024-05-02',
  applicant,
  contact,
  address: addressIn('62516', 'Lillers'),
  ownerStatus: 'occupant',
  // 2024, 1 person: very modest ≤ 17,009 €
  household: { size: 1, taxIncomeEuros: 15_000, taxIncomeYear: 2023 },
  programme: 'diffus',
  workKind: 'autonomy',
  autonomy: { beneficiaryBirthDate: '1950-01-01' },
  worksNotStarted: true,
  works: [
    {
      label: 'Douche à l’italienne',
      amountHtCents: 1_000_000,
      amountTtcCents: 1_055_000,
      company: { name: 'Adapt’Habitat' },
    },
  ],
  ...over,
});
