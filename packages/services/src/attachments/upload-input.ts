import * as z from 'zod';
import { isEmptyFileName } from './file-names.ts';
import { ALLOWED_TYPE_NAMES } from './file-types.ts';

/** The body of an upload request (`requestUpload` in attachments.ts loads it on first use). */
export const requestUploadInput = z.object({
  documentType: z.string({ error: 'Type de pièce attendu' }),
  fileName: z
    .string({ error: 'Nom de fichier attendu' })
    .trim()
    .min(1, 'Nom de fichier obligatoire')
    .max(200, 'Nom de fichier trop long')
    // Cleaned, not refused, when it holds path parts or invisible characters (see file-names.ts).
    .refine((n) => !isEmptyFileName(n), 'Nom de fichier invalide'),
  contentType: z.enum(ALLOWED_TYPE_NAMES as [string, ...string[]], {
    error: 'Type de fichier refusé : PDF, JPEG ou PNG uniquement',
  }),
  size: z
    .number({ error: 'Taille attendue (octets)' })
    .int('Taille entière attendue')
    .positive('Fichier vide : choisissez le fichier qui contient le document'),
});
