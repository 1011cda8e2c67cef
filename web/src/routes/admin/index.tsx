import { Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { requireCaller, type WebDeps } from '../../lib/http.ts';
import { render } from '../../lib/render.tsx';
import { auditRoutes } from './audit.tsx';
import { ceilingRoutes } from './ceilings.tsx';
import { qpvListRoutes } from './qpv-lists.tsx';
import { ruleSetRoutes } from './rule-sets.tsx';
import { staffRoutes } from './staff.tsx';

/**
 * The administration (role admin, issue 15): rule-set versions, ANAH ceilings, staff and the
 * audit log. Every change goes through packages/services/src/admin/, which writes its audit event
 * in the same transaction; QPV lists by generation (issue 15 §3, qpv-lists.tsx).
 */
export const ADMIN_SECTIONS: readonly (readonly [string, string, string])[] = [
  ['/admin/reglements', 'Règlements des dispositifs', 'Versions, délibérations, chiffres et leurs sources.'],
  [
    '/admin/plafonds-anah',
    'Plafonds de ressources ANAH',
    'Barème par année et taille du foyer (hors Île-de-France).',
  ],
  [
    '/admin/quartiers-prioritaires',
    'Quartiers prioritaires',
    'Listes QPV par génération (2015, 2024) : import du fichier officiel, essai ligne à ligne.',
  ],
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
        </ul>
      </>,
    );
  });
  app.route('/', ruleSetRoutes(deps));
  app.route('/', ceilingRoutes(deps));
  app.route('/', staffRoutes(deps));
  app.route('/', qpvListRoutes(deps));
  app.route('/', auditRoutes(deps));
  return app;
}
