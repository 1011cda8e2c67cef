import type { Store } from '@aides/store';

/** What every use case works with. `now` is injectable so tests can pin dates. */
export interface ServiceContext {
  readonly store: Store;
  readonly now: () => Date;
  /** `guardduty` on AWS (downloads wait for a clean tag); `none` locally, said plainly. */
  readonly scanner: 'guardduty' | 'none';
}

export const createContext = (
  store: Store,
  o: { now?: () => Date; scanner?: 'guardduty' | 'none' } = {},
): ServiceContext => ({ store, now: o.now ?? (() => new Date()), scanner: o.scanner ?? 'none' });
