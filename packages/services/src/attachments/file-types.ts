/**
 * Accepted file types and how to recognise them from their first bytes (magic numbers): the
 * declared type is never trusted on its own.
 */
export const ALLOWED_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/png': {
    label: 'PNG',
    extensions: ['png'],
    magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  },
} as const;

export type AllowedType = keyof typeof ALLOWED_TYPES;
export const ALLOWED_TYPE_NAMES = Object.keys(ALLOWED_TYPES) as AllowedType[];
export const MAGIC_BYTES_NEEDED = 8;

/** The real type of a file from its first bytes, or undefined if it is none of the allowed ones. */
export function sniffType(bytes: Uint8Array): AllowedType | undefined {
  for (const [type, spec] of Object.entries(ALLOWED_TYPES)) {
    if (spec.magic.some((m) => m.every((b, i) => bytes[i] === b))) return type as AllowedType;
  }
  return undefined;
}

/** Size range per document type (bytes): scans and photos may be larger than a tax notice. */
export function sizeRangeFor(documentType: string): { min: number; max: number } {
  const large = ['quote', 'invoice', 'business_plan', 'energy_assessment', 'statutes', 'activity_report'];
  return { min: 100, max: (large.includes(documentType) ? 20 : 10) * 1024 * 1024 };
}
