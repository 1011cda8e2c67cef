/** Object keys of the bucket, in one place like the table's keys. */
export const objectKeys = {
  attachment: (dossierId: string, attachmentId: string) => `dossiers/${dossierId}/pieces/${attachmentId}`,
  export: (id: string, extension: string) => `exports/${id}.${extension}`,
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
 * A presigned POST whose policy pins the key, the content type and the size range: S3 refuses
 * any other upload. (The local s3rver does not enforce POST policies; the confirm step checks
 * the same things again, on AWS and locally.)
 */
export const presignUpload: Operations['presignUpload'] = async (...a) => (await load()).presignUpload(...a);
/** Head of an object, or undefined if it is not there. */
export const headObject: Operations['headObject'] = async (...a) => (await load()).headObject(...a);
/** The first `n` bytes of an object (a ranged GET), to check its real type. */
export const readFirstBytes: Operations['readFirstBytes'] = async (...a) =>
  (await load()).readFirstBytes(...a);
export const deleteObject: Operations['deleteObject'] = async (...a) => (await load()).deleteObject(...a);
/** A short-lived download URL that names the file for the browser. */
export const presignDownload: Operations['presignDownload'] = async (...a) =>
  (await load()).presignDownload(...a);
/** Streams a body to S3 (multipart past 5 MB): memory holds a part, never the whole object. */
export const uploadStream: Operations['uploadStream'] = async (...a) => (await load()).uploadStream(...a);
export const getObjectStream: Operations['getObjectStream'] = async (...a) =>
  (await load()).getObjectStream(...a);
/** GuardDuty's verdict tag on an object (`GuardDutyMalwareScanStatus`), undefined before it. */
export const malwareScanTag: Operations['malwareScanTag'] = async (...a) =>
  (await load()).malwareScanTag(...a);
export const bucketReachable: Operations['bucketReachable'] = async (...a) =>
  (await load()).bucketReachable(...a);
export const ensureBucket: Operations['ensureBucket'] = async (...a) => (await load()).ensureBucket(...a);
/** The store's S3 client (tests and local tooling that talk to the bucket directly). */
export const s3Client = async (...a: Parameters<Operations['s3Client']>) => (await load()).s3Client(...a);
