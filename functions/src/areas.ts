import type { AreaHandler } from './http/area.ts';
import type { AreaDeps } from './http/deps.ts';
import type { Area } from './routes.ts';
import { makeSystemHandler } from './system/app.ts';

/** Area → handler factory, for the local server (on AWS each area is its own function). */
export const areaFactories: Partial<Record<Area, (deps: AreaDeps) => AreaHandler>> = {
  system: makeSystemHandler,
};
