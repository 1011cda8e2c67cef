// Stands in for `png-js` in the Lambda bundles (infra/src/lambda-bundling.ts): pdfkit decodes PNG
// images with it; no official document embeds an image (letters, extract and the personal-data
// export are text and tables), so drawing one is a programming error.
export default class PNG {
  constructor() {
    throw new Error('Images PNG non utilisées : aucun document PDF n’en contient dans ce bundle.');
  }
}
