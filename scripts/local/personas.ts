import type { Role } from '@aides/services/caller';

/** Demo people of the local stack; the dev login page lists them. */
export interface Persona {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly Role[];
  readonly description: string;
}

export const PERSONAS: readonly Persona[] = [
  {
    sub: 'demo-menage',
    name: 'Camille Martin',
    email: 'camille.martin@example.fr',
    groups: ['applicant'],
    description: 'Ménage de Béthune (FTE, Habitat)',
  },
  {
    sub: 'demo-entreprise',
    name: 'Julien Lefebvre',
    email: 'boulangerie.lefebvre@example.fr',
    groups: ['applicant'],
    description: 'Boulangerie en commune rurale (TPE)',
  },
  {
    sub: 'demo-association',
    name: 'Nadia Benali',
    email: 'contact@jardins-solidaires.example.fr',
    groups: ['applicant'],
    description: 'Association Les Jardins solidaires (ESS)',
  },
  {
    sub: 'demo-instructrice',
    name: 'Sophie Durand',
    email: 'sophie.durand@agglo.example.fr',
    groups: ['instructor'],
    description: 'Instructrice, service Développement économique',
  },
  {
    sub: 'demo-instructeur',
    name: 'Karim Haddad',
    email: 'karim.haddad@agglo.example.fr',
    groups: ['instructor'],
    description: 'Instructeur, service Habitat',
  },
  {
    sub: 'demo-bureau',
    name: 'Hélène Roussel',
    email: 'helene.roussel@agglo.example.fr',
    groups: ['bureau'],
    description: 'Secrétaire du Bureau communautaire',
  },
  {
    sub: 'demo-finances',
    name: 'Marc Delattre',
    email: 'marc.delattre@agglo.example.fr',
    groups: ['finance'],
    description: 'Agent des finances',
  },
  {
    sub: 'demo-admin',
    name: 'Claire Vasseur',
    email: 'claire.vasseur@agglo.example.fr',
    groups: ['admin'],
    description: 'Administratrice',
  },
];

export const personaBySub = (sub: string) => PERSONAS.find((p) => p.sub === sub);
