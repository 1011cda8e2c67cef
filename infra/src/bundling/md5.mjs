// Stands in for `js-md5` in the Lambda bundles (infra/src/lambda-bundling.ts): pdfkit hashes with
// MD5 the document's ID (of its info dictionary) and each image (to embed it once); node:crypto
// gives the same digests without 10 KB of JavaScript. Same API as js-md5 for what pdfkit calls:
// `md5(data)` → hex string, `md5.arrayBuffer(data)` → ArrayBuffer (strings hashed as UTF-8).
import { createHash } from 'node:crypto';

const digest = (data) => createHash('md5').update(data);

export default function md5(data) {
  return digest(data).digest('hex');
}

md5.hex = md5;
md5.arrayBuffer = (data) => {
  const bytes = digest(data).digest();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};
md5.digest = (data) => [...digest(data).digest()];
