import type { ServiceContext } from '@aides/services/context';
import type { Dossier } from '@aides/services/dossiers/model';
import { dossierLetters, letterListingView } from '@aides/services/letters/list';
import { frDate } from '../../lib/format.ts';

/** Where a dossier's document is downloaded (routes/letters/index.tsx, through the API). */
export const letterHref = (dossierId: string, letterId: string) =>
  `/courriers/${encodeURIComponent(dossierId)}/${encodeURIComponent(letterId)}`;

/**
 * « Documents officiels » on a dossier's page, for its applicant and for staff: the acknowledgement,
 * the decision letter, a notice per payment. Each is issued the first time it is downloaded and is
 * the same file ever after.
 */
export async function LettersSection(p: { ctx: ServiceContext; d: Dossier; headingLevel?: 2 | 3 }) {
  const letters = (await dossierLetters(p.ctx, p.d)).map(letterListingView);
  if (letters.length === 0) return '';
  const heading = 'Documents officiels';
  return (
    <section aria-labelledby="courriers-titre">
      {p.headingLevel === 3 ? (
        <h3 id="courriers-titre">{heading}</h3>
      ) : (
        <h2 id="courriers-titre">{heading}</h2>
      )}
      <ul>
        {letters.map((l) => (
          <li>
            <a href={letterHref(p.d.id, l.letterId)} download>
              {l.title} (PDF)
            </a>{' '}
            — {l.subject}, {frDate(l.eventDate)}
          </li>
        ))}
      </ul>
      <p class="hint">
        Chaque document est établi une fois pour toutes : un nouveau téléchargement donne le même fichier.
      </p>
    </section>
  );
}
