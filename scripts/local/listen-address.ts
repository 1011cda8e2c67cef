/**
 * Where `npm start` listens. Loopback by default: the local server has an unauthenticated
 * `/dev/token` that mints any persona's token (admin included) and a dev login without password,
 * so it must not be reachable from the network. `HOST` overrides it, with a warning that says why.
 */
export interface ListenAddress {
  readonly hostname: string;
  /** Printed at start when the override exposes the server beyond this machine. */
  readonly warning?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function listenAddress(env: NodeJS.ProcessEnv = process.env): ListenAddress {
  const host = env.HOST?.trim();
  if (!host) return { hostname: '127.0.0.1' };
  if (LOOPBACK.has(host)) return { hostname: host };
  return {
    hostname: host,
    warning:
      `ATTENTION : le serveur de développement écoute sur ${host} (variable HOST) et peut être joint ` +
      'depuis le réseau. Il délivre sans mot de passe des jetons de toutes les personnes de ' +
      'démonstration, administrateur compris (/dev/token, /connexion) : ne faites cela que sur un ' +
      'réseau de confiance.',
  };
}
