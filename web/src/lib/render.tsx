import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { currentCaller, type WebEnv } from '../auth/session.ts';
import { Page } from '../layout/page.tsx';

let loginPath = '/connexion';
export const setLoginPath = (p: string) => {
  loginPath = p;
};

/** A whole page in the common layout. */
export function render(c: Context<WebEnv>, title: string, body: Child, status: ContentfulStatusCode = 200) {
  return c.html(
    html`<!doctype html>${(
      <Page title={title} caller={currentCaller(c)} loginPath={loginPath}>
        {body}
      </Page>
    )}`,
    status,
  );
}

/** Post/Redirect/Get: 303 so the browser follows with a GET. */
export const seeOther = (c: Context<WebEnv>, to: string) => c.redirect(to, 303);
