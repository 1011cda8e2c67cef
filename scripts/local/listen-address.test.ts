import { describe, expect, it } from 'vitest';
import { listenAddress } from './listen-address.ts';

describe('where npm start listens', () => {
  it('loopback only by default, without a warning', () => {
    expect(listenAddress({})).toEqual({ hostname: '127.0.0.1' });
    expect(listenAddress({ HOST: '  ' })).toEqual({ hostname: '127.0.0.1' });
  });

  it('HOST overrides it; a loopback name needs no warning', () => {
    expect(listenAddress({ HOST: '::1' })).toEqual({ hostname: '::1' });
    expect(listenAddress({ HOST: 'localhost' })).toEqual({ hostname: 'localhost' });
  });

  it('HOST naming a network address is obeyed with a French warning about /dev/token', () => {
    const a = listenAddress({ HOST: '0.0.0.0' });
    expect(a.hostname).toBe('0.0.0.0');
    expect(a.warning).toMatch(/^ATTENTION : le serveur de développement écoute sur 0\.0\.0\.0/);
    expect(a.warning).toContain('/dev/token');
  });
});
