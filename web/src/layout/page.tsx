import type { Caller } from '@aides/services/caller';
import type { Child } from 'hono/jsx';

/** E-mail notifications (issue 13 §2): every staff role. */
const NOTIFICATION_LINKS = [
  ['/notifications', 'Mes avis par courriel'],
  ['/notifications/echecs', 'Courriels en échec'],
] as const;

/** Each role's main pages, in the navigation. */
const ROLE_LINKS: Record<string, readonly (readonly [string, string])[]> = {
  applicant: [
    ['/mes-dossiers', 'Mes dossiers'],
    ['/demandes/nouvelle', 'Déposer une demande'],
    ['/mes-donnees', 'Mes données'],
  ],
  instructor: [
    ['/instruction', 'Instruction'],
    ['/instruction/assignes-a-moi', 'Assignés à moi'],
    ['/instruction/pieces-de-paiement', 'Pièces de paiement à vérifier'],
    ['/finances/numeros-non-attribues', 'Numéros non attribués'],
    ...NOTIFICATION_LINKS,
  ],
  bureau: [['/bureau', 'Séances du Bureau'], ...NOTIFICATION_LINKS],
  finance: [
    ['/finances', 'Enveloppes'],
    ['/finances/engagements', 'Engagements'],
    ['/finances/avances', 'Avances remboursables'],
    ['/finances/exports', 'Exports'],
    ['/finances/indicateurs', 'Indicateurs'],
    ['/finances/numeros-non-attribues', 'Numéros non attribués'],
    ...NOTIFICATION_LINKS,
  ],
  admin: [
    ['/admin', 'Administration'],
    ['/admin/reglements', 'Règlements'],
    ['/admin/plafonds-anah', 'Plafonds ANAH'],
    ['/admin/quartiers-prioritaires', 'Quartiers prioritaires'],
    ['/admin/personnel', 'Personnel'],
    ['/admin/journal', 'Journal d’audit'],
    ['/instruction', 'Instruction'],
    ['/bureau', 'Bureau'],
    ['/finances', 'Finances'],
    ...NOTIFICATION_LINKS,
    ['/imports', 'Imports'],
    ['/admin/donnees-personnelles', 'Données personnelles'],
  ],
};

export const linksFor = (caller: Caller | null) => {
  const seen = new Set<string>();
  return (caller?.roles ?? [])
    .flatMap((r) => ROLE_LINKS[r] ?? [])
    .filter(([href]) => !seen.has(href) && seen.add(href) !== undefined);
};

const ROLE_LABELS: Record<string, string> = {
  applicant: 'Demandeur',
  instructor: 'Instruction',
  bureau: 'Bureau communautaire',
  finance: 'Finances',
  admin: 'Administration',
};

export function Page(props: { title: string; caller: Caller | null; loginPath: string; children: Child }) {
  const { caller } = props;
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — Aides de l’Agglo Béthune-Bruay`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          Aller au contenu
        </a>
        <header class="site">
          <div class="wrap">
            <p>
              <a href="/">
                <strong>Aides de l’Agglo</strong> Béthune-Bruay, Artois Lys Romane
              </a>
            </p>
            <nav aria-label="Navigation principale">
              <ul>
                <li>
                  <a href="/">Accueil</a>
                </li>
                {linksFor(caller).map(([href, label]) => (
                  <li>
                    <a href={href}>{label}</a>
                  </li>
                ))}
                {caller ? (
                  <>
                    <li>
                      <span>
                        {caller.name} ({caller.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')})
                      </span>
                    </li>
                    <li>
                      <form method="post" action="/deconnexion">
                        <button type="submit" class="secondary">
                          Se déconnecter
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <li>
                    <a href={props.loginPath}>Se connecter</a>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <script src="/static/app.js" defer></script>
        <footer class="site">
          <div class="wrap">
            Communauté d’agglomération de Béthune-Bruay, Artois Lys Romane — 100 communes.
          </div>
        </footer>
      </body>
    </html>
  );
}
