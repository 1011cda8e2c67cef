import { InvalidCursorError } from '@aides/store';
import { badRequest } from './errors.ts';

/** Maps a cursor this list did not hand out to a 400 on `/cursor` (the store only knows it is forged). */
export async function orBadCursor<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InvalidCursorError)
      throw badRequest('Curseur de pagination invalide.', [
        { pointer: '/cursor', detail: 'Curseur invalide' },
      ]);
    throw e;
  }
}
