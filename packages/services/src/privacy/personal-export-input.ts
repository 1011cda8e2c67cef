/**
 * The admin's personal-data export request (a named person): its own module, so that the OpenAPI
 * document (the `system` function, functions/src/system/request-schemas.ts) reads the schema
 * without the export itself and its PDF renderer.
 */
import * as z from 'zod';

export const personalExportInput = z.object({
  personSub: z
    .string({ error: 'Identifiant de la personne attendu' })
    .trim()
    .min(1, 'Identifiant de la personne obligatoire')
    .max(128),
});
