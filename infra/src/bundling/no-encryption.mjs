// Stands in for pdfkit's encryption dependencies in the Lambda bundles
// (infra/src/lambda-bundling.ts): `@noble/ciphers/aes`, `@noble/hashes/sha2` and
// `@noble/hashes/utils` (about 12 KB). They serve only to encrypt a PDF (a user or owner
// password); no official document is encrypted, so calling them is a programming error.
// `concatBytes` is also used only on the encryption path, but is kept real (it is three lines).
const unused = () => {
  throw new Error('Chiffrement non utilisé : les documents PDF ne sont pas chiffrés dans ce bundle.');
};

export const cbc = unused;
export const ecb = unused;
export const sha256 = unused;

export function concatBytes(...arrays) {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
