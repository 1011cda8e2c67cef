import { ALLOWED_TYPES } from './file-types.ts';

/**
 * File names come from the applicant's machine and are shown to staff and sent back in the
 * download's Content-Disposition. They are cleaned once, when the grant is made, so what is
 * stored is already safe to show; `cleanFileName` is also applied when reading, for names stored
 * before this rule existed.
 *
 * - invisible characters go: controls (C0, C1), format characters (bidi overrides and isolates
 *   such as U+202E, marks, zero-width joiners), line and paragraph separators, lone surrogates,
 *   private use — a right-to-left override can make `devis‮fdp.exe` read as `devisexe.pdf`;
 * - only the last path segment is kept and `.`/`..` segments are dropped (`../../etc/x` → `x`),
 *   runs of dots become one dot, and leading/trailing dots and spaces are trimmed;
 * - characters that Windows refuses in a name (`<>:"|?*`) become `_`;
 * - the extension matches the real type: a PDF named `devis.exe` is stored as `devis.exe.pdf`.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu;
const MAX_LENGTH = 200;

export function cleanFileName(raw: string): string {
  const segments = raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .split(/[/\\]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^\.+$/.test(s));
  const last = segments.at(-1) ?? '';
  return last
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|[\s.]+$/g, '');
}

/** The cleaned name with an extension of its real type, at most 200 characters long. */
export function storedFileName(raw: string, contentType: keyof typeof ALLOWED_TYPES): string {
  const name = cleanFileName(raw);
  const { extensions } = ALLOWED_TYPES[contentType];
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  const known = ext !== undefined && (extensions as readonly string[]).includes(ext);
  const stem = known ? name.slice(0, -(ext.length + 1)) : name;
  const suffix = known ? name.slice(stem.length) : `.${extensions[0]}`;
  const short = [...stem]
    .slice(0, MAX_LENGTH - suffix.length)
    .join('')
    .replace(/[\s.]+$/, '');
  return `${short}${suffix}`;
}

/** True when nothing nameable is left after cleaning (only dots, slashes, invisible characters). */
export const isEmptyFileName = (raw: string) => !/[\p{L}\p{N}]/u.test(cleanFileName(raw));
