/**
 * Everything that needs the S3 client. `objects.ts` loads this module on first use, so the
 * functions that never touch the bucket (most requests) do not pay for the S3 SDK at cold start.
 */
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Store } from '../clients.ts';
import type { PresignedUpload, StoredObject } from '../objects.ts';

const clients = new WeakMap<Store, S3Client>();

/** The store's S3 client, made on first use and kept for the life of the store. */
export function s3Client(store: Store): S3Client {
  let client = clients.get(store);
  if (!client) {
    const { config, credentials } = store;
    client = new S3Client({
      region: config.region,
      ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
      ...(credentials ? { credentials } : {}),
    });
    clients.set(store, client);
  }
  return client;
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
  const { url, fields } = await createPresignedPost(s3Client(store), {
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

/** Head of an object (of one version of it, when given), or undefined if it is not there. */
export async function headObject(
  store: Store,
  key: string,
  versionId?: string,
): Promise<StoredObject | undefined> {
  try {
    const r = await s3Client(store).send(
      new HeadObjectCommand({ Bucket: store.config.bucketName, Key: key, VersionId: versionId }),
    );
    return {
      size: r.ContentLength ?? 0,
      contentType: r.ContentType,
      lastModified: r.LastModified,
      tags: {},
      ...(r.VersionId ? { versionId: r.VersionId } : {}),
    };
  } catch (e) {
    if (e instanceof NotFound || e instanceof NoSuchKey || (e as { name?: string }).name === 'NotFound')
      return undefined;
    throw e;
  }
}

/** The first `n` bytes of an object (a ranged GET), to check its real type. */
export async function readFirstBytes(
  store: Store,
  key: string,
  n: number,
  versionId?: string,
): Promise<Uint8Array> {
  const r = await s3Client(store).send(
    new GetObjectCommand({
      Bucket: store.config.bucketName,
      Key: key,
      VersionId: versionId,
      Range: `bytes=0-${n - 1}`,
    }),
  );
  const bytes = (await r.Body?.transformToByteArray()) ?? new Uint8Array();
  return bytes.slice(0, n);
}

export async function deleteObject(store: Store, key: string): Promise<void> {
  await s3Client(store).send(new DeleteObjectCommand({ Bucket: store.config.bucketName, Key: key }));
}

/**
 * A server-side copy of an object's current bytes to another key of the bucket; the version id
 * of the copy when the bucket is versioned (AWS), none on s3rver, which has no versioning.
 */
export async function copyObject(
  store: Store,
  o: { from: string; to: string },
): Promise<{ versionId?: string }> {
  const Bucket = store.config.bucketName;
  const r = await s3Client(store).send(
    new CopyObjectCommand({
      Bucket,
      Key: o.to,
      CopySource: `${Bucket}/${o.from.split('/').map(encodeURIComponent).join('/')}`,
    }),
  );
  return r.VersionId ? { versionId: r.VersionId } : {};
}

/** A short-lived download URL that names the file for the browser. */
export async function presignDownload(
  store: Store,
  o: { key: string; versionId?: string; fileName: string; contentType: string; expiresInSeconds?: number },
): Promise<string> {
  return getSignedUrl(
    s3Client(store),
    new GetObjectCommand({
      Bucket: store.config.bucketName,
      Key: o.key,
      VersionId: o.versionId,
      ResponseContentDisposition: contentDisposition(o.fileName),
      ResponseContentType: o.contentType,
    }),
    { expiresIn: o.expiresInSeconds ?? 60 },
  );
}

/**
 * `attachment` with the name twice: an ASCII fallback (accents dropped; quotes, backslashes and
 * other non-ASCII replaced) for old clients, and the exact UTF-8 name (RFC 6266 / RFC 8187).
 */
function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Streams a body to S3 (multipart past 5 MB): memory holds a part, never the whole object. */
export async function uploadStream(
  store: Store,
  o: { key: string; body: Readable; contentType: string },
): Promise<void> {
  await new Upload({
    client: s3Client(store),
    params: { Bucket: store.config.bucketName, Key: o.key, Body: o.body, ContentType: o.contentType },
    queueSize: 2,
  }).done();
}

/** An object's body as a stream; `fromByte`: from that byte to the end (an HTTP range). */
export async function getObjectStream(store: Store, key: string, fromByte?: number) {
  const r = await s3Client(store).send(
    new GetObjectCommand({
      Bucket: store.config.bucketName,
      Key: key,
      ...(fromByte ? { Range: `bytes=${fromByte}-` } : {}),
    }),
  );
  return r.Body;
}

/**
 * Writes an object only if its key is free: S3 answers 412 to `If-None-Match: *` when it is taken
 * (conditional writes), and checks the body against `ChecksumSHA256`. s3rver ignores both
 * headers, so callers must not rely on the 412 alone (letters.ts reads back and compares).
 */
export async function putObjectOnce(
  store: Store,
  o: { key: string; body: Uint8Array; contentType: string; sha256Base64: string },
): Promise<{ created: boolean }> {
  try {
    await s3Client(store).send(
      new PutObjectCommand({
        Bucket: store.config.bucketName,
        Key: o.key,
        Body: o.body,
        ContentType: o.contentType,
        ChecksumSHA256: o.sha256Base64,
        IfNoneMatch: '*',
      }),
    );
    return { created: true };
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 412 || (e as { name?: string }).name === 'PreconditionFailed') return { created: false };
    throw e;
  }
}

/** The whole object's bytes, or undefined if it is not there. */
export async function getObjectBytes(store: Store, key: string): Promise<Uint8Array | undefined> {
  try {
    const r = await s3Client(store).send(new GetObjectCommand({ Bucket: store.config.bucketName, Key: key }));
    return (await r.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (e) {
    if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') return undefined;
    throw e;
  }
}

/**
 * GuardDuty Malware Protection for S3 tags each scanned object with
 * `GuardDutyMalwareScanStatus` (NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED,
 * FAILED); undefined while no verdict has been written.
 */
export async function malwareScanTag(
  store: Store,
  key: string,
  versionId?: string,
): Promise<string | undefined> {
  const r = await s3Client(store).send(
    new GetObjectTaggingCommand({ Bucket: store.config.bucketName, Key: key, VersionId: versionId }),
  );
  return r.TagSet?.find((t) => t.Key === 'GuardDutyMalwareScanStatus')?.Value;
}

/** Heads the bucket: true when it answers. */
export async function bucketReachable(store: Store): Promise<{ ok: boolean; detail: string }> {
  return s3Client(store)
    .send(new HeadBucketCommand({ Bucket: store.config.bucketName }))
    .then(
      () => ({ ok: true, detail: 'accessible' }),
      (e) => ({ ok: false, detail: e instanceof Error ? e.name : 'Erreur inconnue' }),
    );
}

/**
 * Deletes every object under `prefix`, every version and delete marker included (the bucket is
 * versioned on AWS: deleting a key alone would only add a delete marker and keep the bytes).
 * Idempotent: what is already gone is skipped. Returns how many versions (or objects) it deleted.
 *
 * The local s3rver has no versioning and answers ListObjectVersions with MethodNotAllowed: there
 * the current objects are listed and deleted instead, which is every copy it holds.
 */
export async function deleteEveryVersion(store: Store, prefix: string): Promise<number> {
  if (!prefix.endsWith('/')) throw new Error('Un préfixe de purge se termine par « / »');
  const client = s3Client(store);
  const Bucket = store.config.bucketName;
  let deleted = 0;
  try {
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const r = await client.send(
        new ListObjectVersionsCommand({ Bucket, Prefix: prefix, KeyMarker, VersionIdMarker }),
      );
      const versions = [...(r.Versions ?? []), ...(r.DeleteMarkers ?? [])];
      for (const v of versions) {
        if (!v.Key) continue;
        await client.send(new DeleteObjectCommand({ Bucket, Key: v.Key, VersionId: v.VersionId }));
        deleted += 1;
      }
      KeyMarker = r.IsTruncated ? r.NextKeyMarker : undefined;
      VersionIdMarker = r.IsTruncated ? r.NextVersionIdMarker : undefined;
    } while (KeyMarker);
    return deleted;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if ((name !== 'MethodNotAllowed' && name !== 'NotImplemented') || !store.config.s3Endpoint) throw e;
  }
  // Local only (s3Endpoint set): no versions to list.
  let ContinuationToken: string | undefined;
  do {
    const r = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
    for (const o of r.Contents ?? []) {
      if (!o.Key) continue;
      await client.send(new DeleteObjectCommand({ Bucket, Key: o.Key }));
      deleted += 1;
    }
    ContinuationToken = r.IsTruncated ? r.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return deleted;
}

/** Keys (current objects) under a prefix, for checks and the local fallback. */
export async function listKeys(store: Store, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const r = await s3Client(store).send(
      new ListObjectsV2Command({ Bucket: store.config.bucketName, Prefix: prefix, ContinuationToken }),
    );
    for (const o of r.Contents ?? []) if (o.Key) out.push(o.Key);
    ContinuationToken = r.IsTruncated ? r.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return out;
}
