// Stands in for `fontkit` in the Lambda bundles (infra/src/lambda-bundling.ts). pdfkit calls
// fontkit's `create` only to embed a font file (TrueType, OpenType, WOFF); the official documents
// use the PDF standard fonts (Helvetica), which need no font file. fontkit and its WOFF2 decoder
// (brotli) would add about 0.75 MB to the documents function.
export function create() {
  throw new Error('Embedded fonts are not supported in this bundle: use a PDF standard font (Helvetica)');
}
