// Stands in for `brotli/decompress.js` in the Lambda bundles (infra/src/lambda-bundling.ts).
// fontkit imports it to read WOFF2 fonts; the official documents use the PDF standard fonts
// (Helvetica), never a WOFF2 file, and the real module weighs 0.49 MB.
module.exports = function decompress() {
  throw new Error('WOFF2 fonts are not supported in this bundle (brotli left out)');
};
