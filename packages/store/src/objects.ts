import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Store } from './clients.ts';

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

/**
 * A presigned POST whose policy pins the key, the content type and the size range: S3 refuses
 * any other upload. (The local s3rver does not enforce POST policies; the confirm step checks
 * the same things again, on AWS and locally.)
 */
export async function presignUpload(
  store: Store,
  o: { key: string; contentType: string; minBytes: number; maxBytes: number; expiresInSeconds: number },
): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(store.s3, {
    Bucket: store.config.bucketName,
    Key: o.key,
    Conditions: [
      ['content-length-range', o.minBytes, o.maxBytes],
      ['eq', '$Content-Type', o.contentType],
      ['eq', '$key', o.key],
    ],
    Fields: { 'Content-Type': o.contentType },
    Expires: o.expiresInSeconds,
  });
  return { url, fields, expiresAt: new Date(Date.now() + o.expiresInSeconds * 1000).toISOString() };
}

export interface StoredObject {
  readonly size: number;
  readonly contentType: string | undefined;
  readonly lastModified: Date | undefined;
  readonly tags: Record<string, string>;
}

/** Head of an object, or undefined if it is not there. */
export async function headObject(store: Store, key: string): Promise<StoredObject | undefined> {
  try {
    const r = await store.s3.send(new HeadObjectCommand({ Bucket: store.config.bucketName, Key: key }));
    return { size: r.ContentLength ?? 0, contentType: r.ContentType, lastModified: r.LastModified, tags: {} };
  } catch (e) {
    if (e instanceof NotFound || e instanceof NoSuchKey || (e as { name?: string }).name === 'NotFound')
      return undefined;
    throw e;
  }
}

/** The first `n` bytes of an object (a ranged GET), to check its real type. */
export async function readFirstBytes(store: Store, key: string, n: number): Promise<Uint8Array> {
  const r = await store.s3.send(
    new GetObjectCommand({ Bucket: store.config.bucketName, Key: key, Range: `bytes=0-${n - 1}` }),
  );
  const bytes = (await r.Body?.transformToByteArray()) ?? new Uint8Array();
  return bytes.slice(0, n);
}

export async function deleteObject(store: Store, key: string): Promise<void> {
  await store.s3.send(new DeleteObjectCommand({ Bucket: store.config.bucketName, Key: key }));
}

/** A short-lived download URL that names the file for the browser. */
export async function presignDownload(
  store: Store,
  o: { key: string; fileName: string; contentType: string; expiresInSeconds?: number },
): Promise<string> {
  return getSignedUrl(
    store.s3,
    new GetObjectCommand({
      Bucket: store.config.bucketName,
      Key: o.key,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(o.fileName)}`,
      ResponseContentType: o.contentType,
    }),
    { expiresIn: o.expiresInSeconds ?? 60 },
  );
}

/** Streams a body to S3 (multipart past 5 MB): memory holds a part, never the whole object. */
export async function uploadStream(
  store: Store,
  o: { key: string; body: Readable; contentType: string },
): Promise<void> {
  await new Upload({
    client: store.s3,
    params: { Bucket: store.config.bucketName, Key: o.key, Body: o.body, ContentType: o.contentType },
    queueSize: 2,
  }).done();
}

export async function getObjectStream(store: Store, key: string) {
  const r = await store.s3.send(new GetObjectCommand({ Bucket: store.config.bucketName, Key: key }));
  return r.Body;
}

/**
 * GuardDuty Malware Protection for S3 tags each scanned object with
 * `GuardDutyMalwareScanStatus` (NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED,
 * FAILED); undefined while no verdict has been written.
 */
export async function malwareScanTag(store: Store, key: string): Promise<string | undefined> {
  const r = await store.s3.send(new GetObjectTaggingCommand({ Bucket: store.config.bucketName, Key: key }));
  return r.TagSet?.find((t) => t.Key === 'GuardDutyMalwareScanStatus')?.Value;
}
