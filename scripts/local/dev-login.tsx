import type { ServiceContext } from '@aides/services/context';
import { recordSignIn } from '@aides/services/people/directory';
import { Hono } from 'hono';
import { afterSignIn, safeReturnPath } from '../../web/src/auth/return-to.ts';
import { endWebSession, startWebSession } from '../../web/src/auth/session.ts';
import { Page } from '../../web/src/layout/page.tsx';
import { sameOrigin } from '../../web/src/lib/same-origin.tsx';
import type { DevIssuer } from './dev-issuer.ts';
import { PERSONAS, personaBySub } from './personas.ts';

/** Local only: pick a demo persona and get a signed session, in place of Cognito's hosted login. */
export function devLoginRoutes(issuer: DevIssuer, ctx: ServiceContext) {
  const app = new Hono();
  app.get('/connexion', (c) => {
    const retour = safeReturnPath(c.req.query('retour'));
    return c.html(
      <Page title="Connexion de démonstration" caller={null} loginPath="/connexion">
        <h1>Connexion de démonstration</h1>
        <p>
          Environnement local : choisissez une personne de démonstration. Sur AWS, cette page est remplacée
          par la connexion Cognito.
        </p>
        <form method="post" action="/connexion">
          {retour ? <input type="hidden" name="retour" value={retour} /> : ''}
          <fieldset>
            <legend>Se connecter en tant que</legend>
            {PERSONAS.map((p, i) => (
              <div class="check">
                <input type="radio" id={`p-${p.sub}`} name="persona" value={p.sub} checked={i === 0} />
                <label for={`p-${p.sub}`}>
                  {p.name} — {p.description}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">Se connecter</button>
        </form>
      </Page>,
    );
  });
  // Signing in and out are form posts like any other: same CSRF check as the web app's.
  app.post('/connexion', sameOrigin(), async (c) => {
    const form = await c.req.parseBody();
    const persona = personaBySub(String(form.persona ?? ''));
    if (!persona) return c.redirect('/connexion');
    const idToken = await issuer.sign(persona);
    const claims = await issuer.verify(idToken);
    if (!claims) return c.redirect('/connexion');
    // The same server-side session as on AWS: the cookie holds its id, not the token.
    await startWebSession(c, ctx, { claims, idToken, secure: false });
    // As on AWS (web/src/lambda.ts): the sign-in is recorded, so « Personnel » shows its time.
    await recordSignIn(ctx, {
      sub: persona.sub,
      name: persona.name,
      email: persona.email,
      roles: persona.groups,
    }).catch(() => undefined);
    return c.redirect(afterSignIn(String(form.retour ?? ''), { roles: persona.groups }), 303);
  });
  app.post('/deconnexion', sameOrigin(), async (c) => {
    await endWebSession(c, ctx);
    return c.redirect('/');
  });
  /** For scripts and tests: a bearer token for a persona (local server only). */
  app.post('/dev/token', async (c) => {
    const { sub } = (await c.req.json().catch(() => ({}))) as { sub?: string };
    const persona = personaBySub(String(sub ?? ''));
    if (!persona) return c.json({ title: 'Personne inconnue', status: 404 }, 404);
    return c.json({ token: await issuer.sign(persona) });
  });
  return app;
}
