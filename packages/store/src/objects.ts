/** Object keys of the bucket, in one place like the table's keys. */
export const objectKeys = {
  /** Where the browser's presigned POST puts an attachment (the only keys a grant can name). */
  attachment: (dossierId: string, attachmentId: string) => `dossiers/${dossierId}/pieces/${attachmentId}`,
  /**
   * The confirmed copy that is checked and served: outside `pieces/`, so no presigned POST can
   * ever name it, and one per confirm attempt, so two racing confirms never share a key.
   */
  confirmedAttachment: (dossierId: string, attachmentId: string, copyId: string) =>
    `dossiers/${dossierId}/confirmees/${attachmentId}/${copyId}`,
  export: (id: string, extension: string) => `exports/${id}.${extension}`,
  /**
   * An official document issued for a dossier, by template version: outside `pieces/`, so no
   * presigned POST can name it, and written once (`putObjectOnce`).
   */
  dossierLetter: (dossierId: string, letterId: string, templateVersion: string) =>
    `dossiers/${dossierId}/courriers/${letterId}/v${templateVersion}.pdf`,
  /** The deliberation extract of a session, written once like a letter. */
  sessionLetter: (sessionId: string, letterId: string, templateVersion: string) =>
    `seances/${sessionId}/${letterId}/v${templateVersion}.pdf`,
  /** Where an import file is uploaded (a presigned POST can name it for 15 minutes). */
  importUpload: (importId: string) => `imports/${importId}/depose`,
  /** The copy that is checked and imported: no grant names it, so it never changes once checked. */
  importChecked: (importId: string) => `imports/${importId}/verifie`,
  /**
   * Every prefix under which a dossier's objects live, for its purge (issue 20): the attachments
   * (uploads and confirmed copies) and the official letters (`dossierLetter`, under
   * `dossiers/<id>/courriers/`). An object of a dossier stored anywhere else must add its prefix
   * here, or the purge leaves it behind — the retention test checks the bucket byte by byte.
   */
  dossierPrefixes: (dossierId: string) => [`dossiers/${dossierId}/`],
  /** A person's data export (RGPD art. 15), handed out by a short-lived link. */
  personalExport: (id: string) => `exports/donnees-personnelles/${id}.zip`,
};

export interface PresignedUpload {
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
}

export interface StoredObject {
  readonly size: number;
  readonly contentType: string | undefined;
  readonly lastModified: Date | undefined;
  readonly tags: Record<string, string>;
  /** Set when the bucket is versioned (AWS); s3rver has no versioning. */
  readonly versionId?: string;
}

/**
 * The bucket's operations, loaded on first use: the S3 SDK, its presigners and the multipart
 * uploader make up about a fifth of a function's bundle, and most requests never touch the bucket.
 * The Lambda bundles keep this module in a chunk of its own (see infra's bundling).
 */
type Operations = typeof import('./s3/operations.ts');
let operations: Promise<Operations> | undefined;
const load = () => (operations ??= import('./s3/operations.ts'));
/**
 * An operation with its signature, whose module loads on the first call. Marked pure so that a
 * bundle keeps only the operations its code uses: infra/test/grants.test.ts derives each
 * function's S3 grants from them.
 */
const lazy = <K extends keyof Operations>(name: K) =>
  (async (...args: unknown[]) =>
    ((await load())[name] as (...a: unknown[]) => unknown)(...args)) as Operations[K];

/**
 * A presigned POST whose policy pins the key, the content type and the size range: S3 refuses
 * any other upload. (The local s3rver does not enforce POST policies; the confirm step checks
 * the same things again, on AWS and locally.)
 */
export const presignUpload = /* @__PURE__ */ lazy('presignUpload');
/** Head of an object, or undefined if it is not there. */
export const headObject = /* @__PURE__ */ lazy('headObject');
/** The first `n` bytes of an object (a ranged GET), to check its real type. */
export const readFirstBytes = /* @__PURE__ */ lazy('readFirstBytes');
export const deleteObject = /* @__PURE__ */ lazy('deleteObject');
/** A server-side copy to another key; the copy's version id when the bucket is versioned. */
export const copyObject = /* @__PURE__ */ lazy('copyObject');
/** A short-lived download URL that names the file for the browser. */
export const presignDownload = /* @__PURE__ */ lazy('presignDownload');
/** Streams a body to S3 (multipart past 5 MB): memory holds a part, never the whole object. */
export const uploadStream = /* @__PURE__ */ lazy('uploadStream');
export const getObjectStream = /* @__PURE__ */ lazy('getObjectStream');
/**
 * Writes an object only if its key is free (`If-None-Match: *`; S3 answers 412 otherwise), with
 * its SHA-256 for S3 to check: `created` false when something was already there.
 */
export const putObjectOnce = /* @__PURE__ */ lazy('putObjectOnce');
/** The whole object's bytes (small objects only: letters). */
export const getObjectBytes = /* @__PURE__ */ lazy('getObjectBytes');
/** GuardDuty's verdict tag on an object (`GuardDutyMalwareScanStatus`), undefined before it. */
export const malwareScanTag = /* @__PURE__ */ lazy('malwareScanTag');
export const bucketReachable = /* @__PURE__ */ lazy('bucketReachable');
/** Deletes every object and every version under a prefix (the retention job's purge). */
export const deleteEveryVersion = /* @__PURE__ */ lazy('deleteEveryVersion');
/** Current keys under a prefix. */
export const listKeys = /* @__PURE__ */ lazy('listKeys');
/** The store's S3 client (tests and local tooling that talk to the bucket directly). */
export const s3Client = /* @__PURE__ */ lazy('s3Client') as unknown as (
  ...a: Parameters<Operations['s3Client']>
) => Promise<ReturnType<Operations['s3Client']>>;
