import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';
import { auditRoutes } from './audit.tsx';
import { ceilingRoutes } from './ceilings.tsx';
import { ruleSetRoutes } from './rule-sets.tsx';
import { staffRoutes } from './staff.tsx';

/**
 * The administration (role admin, issue 15): rule-set versions, ANAH ceilings, staff and the
 * audit log. Every change goes through packages/services/src/admin/, which writes its audit event
 * in the same transaction. The QPV lists (issue 15 §3) are not built here yet: their slot is
 * named on the home page and in ADMIN_SECTIONS.
 */
export const ADMIN_SECTIONS: readonly (readonly [string, string, string])[] = [
  ['/admin/reglements', 'Règlements des dispositifs', 'Versions, délibérations, chiffres et leurs sources.'],
  [
    '/admin/plafonds-anah',
    'Plafonds de ressources ANAH',
    'Barème par année et taille du foyer (hors Île-de-France).',
  ],
  // Slot for the QPV lists (issue 15 §3), built separately.
  [
    '/admin/personnel',
    'Personnel',
    'Annuaire, rôles, dernière connexion ; désactiver ou réactiver un profil.',
  ],
  ['/admin/journal', 'Journal d’audit', 'Qui a fait quoi, quand et pourquoi ; export CSV.'],
];

export function adminRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/admin', (c) => {
    requireCaller(c, 'admin');
    return render(
      c,
      'Administration',
      <>
        <h1>Administration</h1>
        <ul class="cards">
          {ADMIN_SECTIONS.map(([href, title, text]) => (
            <li class="card">
              <h2>
                <a href={href}>{title}</a>
              </h2>
              <p>{text}</p>
            </li>
          ))}
          <li class="card">
            <h2>Listes QPV</h2>
            <p>
              Pas encore disponible ici : la liste des quartiers prioritaires reste celle chargée par le jeu
              de démonstration.
            </p>
          </li>
        </ul>
      </>,
    );
  });
  app.route('/', ruleSetRoutes(deps));
  app.route('/', ceilingRoutes(deps));
  app.route('/', staffRoutes(deps));
  app.route('/', auditRoutes(deps));
  return app;
}
