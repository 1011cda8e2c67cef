import { SCHEMES } from '@aides/domain';
import * as z from 'zod';

/** What declares an import file (its own module: the OpenAPI document imports it without the use case). */

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export const createImportInput = z.object({
  scheme: z.enum(SCHEMES, { error: 'Dispositif : FTE, TPE, ESS ou HABITAT' }),
  fileName: z
    .string({ error: 'Nom du fichier attendu' })
    .trim()
    .min(1, 'Nom du fichier attendu')
    .max(200, 'Nom du fichier : 200 caractères au plus')
    .regex(/\.(csv|xlsx)$/i, 'Fichier .csv ou .xlsx attendu'),
  size: z
    .number({ error: 'Taille en octets attendue' })
    .int('Taille en octets entière')
    .positive('Fichier vide')
    .max(MAX_IMPORT_BYTES, 'Fichier trop gros : 50 Mo au plus'),
});
