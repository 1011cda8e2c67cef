// Stands in for `xmldoc` in the Lambda bundles (infra/src/lambda-bundling.ts): pdfmake parses SVG
// images with it, and no official document draws an SVG.
class XmlDocument {
  constructor() {
    throw new Error('SVG images are not supported in this bundle');
  }
}
module.exports = { XmlDocument };
