import type { Caller } from '@aides/services/caller';
import { linksFor } from '../layout/page.tsx';

const SCHEMES = [
  {
    code: 'FTE',
    title: 'Fonds de transition énergétique',
    who: 'Ménages aux revenus intermédiaires (barème Anah), propriétaires de leur logement dans l’une des 100 communes.',
    what: 'Isolation des combles, des murs et de la toiture, ventilation (VMC), chauffage performant, solaire thermique, rénovation BBC. Un rendez-vous préalable à l’Espace Conseil France Rénov’ est obligatoire.',
  },
  {
    code: 'TPE',
    title: 'Aide aux très petites entreprises',
    who: 'Entreprises de moins de 10 salariés de l’artisanat, du commerce ou des services, installées dans une commune de moins de 3 000 habitants ou en quartier prioritaire (QPV).',
    what: 'Création ou développement : une part de l’investissement et des emplois créés, avec la Région Hauts-de-France.',
  },
  {
    code: 'ESS',
    title: 'Économie sociale et solidaire',
    who: 'Associations, coopératives et autres structures de l’ESS qui créent ou développent une activité avec des emplois.',
    what: '5 000 € par emploi en CDI à temps plein créé (4 au plus), plus 1 000 € par emploi (2 au plus) pour une personne de moins de 26 ans, handicapée ou habitant l’agglomération.',
  },
  {
    code: 'HABITAT',
    title: 'Habitat : rénovation et autonomie',
    who: 'Propriétaires occupants et bailleurs, aides de l’Anah instruites par l’agglomération.',
    what: 'Rénovation énergétique (gain d’au moins 35 % pour le complément de l’agglomération) et adaptation du logement à la perte d’autonomie.',
  },
];

export function HomePage(props: { caller: Caller | null }) {
  const links = linksFor(props.caller);
  return (
    <>
      <h1>Demander une aide de l’agglomération</h1>
      {links.length ? (
        <nav aria-label="Mon espace" class="card">
          <h2>Mon espace</h2>
          <ul>
            {links.map(([href, label]) => (
              <li>
                <a href={href}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        ''
      )}
      <p>
        Déposez votre demande en ligne, suivez son instruction et la décision du Bureau communautaire,
        jusqu’au versement.
      </p>
      <p>
        <a class="button" href="/demandes/nouvelle">
          Déposer une demande
        </a>
      </p>
      <h2>Les dispositifs</h2>
      <ul class="cards">
        {SCHEMES.map((s) => (
          <li class="card">
            <h3>
              {s.title} ({s.code})
            </h3>
            <p>
              <strong>Pour qui :</strong> {s.who}
            </p>
            <p>
              <strong>Pour quoi :</strong> {s.what}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
