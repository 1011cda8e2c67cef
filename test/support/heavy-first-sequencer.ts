import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { HEAVY_FILES } from './heavy-files.ts';

const rank = (spec: TestSpecification) => {
  const path = spec.moduleId;
  const i = HEAVY_FILES.findIndex((glob) =>
    glob.endsWith('/**') ? path.includes(`/${glob.slice(0, -3)}/`) : path.endsWith(`/${glob}`),
  );
  return i === -1 ? HEAVY_FILES.length : i;
};

/**
 * Vitest's order (slowest first by its cache of the last run, by file size on a clean clone), with
 * the known heavy files moved to the front: a clean clone (CI) has no cache, and a long file
 * started last leaves the other worker idle until it ends.
 */
export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const position = new Map(base.map((spec, i) => [spec, i]));
    return [...base].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        rank(a) - rank(b) ||
        (position.get(a) ?? 0) - (position.get(b) ?? 0),
    );
  }
}
