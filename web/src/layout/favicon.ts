/**
 * The site icon, made in code (no binary in the repository): a 16×16 ICO holding one 32-bit
 * bitmap, the brand blue with a white bar. Browsers ask for /favicon.ico on every site.
 */
function icon(): Uint8Array<ArrayBuffer> {
  const size = 16;
  const pixels = size * size * 4;
  const mask = size * 4; // 1 bit per pixel, rows padded to 32 bits: all zero (opaque)
  const bitmap = 40 + pixels + mask;
  const out = new DataView(new ArrayBuffer(6 + 16 + bitmap));
  // ICONDIR: reserved, type 1 (icon), one image.
  out.setUint16(2, 1, true);
  out.setUint16(4, 1, true);
  // ICONDIRENTRY: 16×16, no palette, 1 plane, 32 bpp, size, offset.
  out.setUint8(6, size);
  out.setUint8(7, size);
  out.setUint16(10, 1, true);
  out.setUint16(12, 32, true);
  out.setUint32(14, bitmap, true);
  out.setUint32(18, 22, true);
  // BITMAPINFOHEADER: the height counts the colour rows and the mask rows.
  out.setUint32(22, 40, true);
  out.setInt32(26, size, true);
  out.setInt32(30, size * 2, true);
  out.setUint16(34, 1, true);
  out.setUint16(36, 32, true);
  out.setUint32(42, pixels + mask, true);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const at = 62 + (row * size + col) * 4;
      const white = row >= 6 && row <= 9 && col >= 3 && col <= 12;
      // BGRA, rows from the bottom: #00487a or white.
      out.setUint8(at, white ? 0xff : 0x7a);
      out.setUint8(at + 1, white ? 0xff : 0x48);
      out.setUint8(at + 2, white ? 0xff : 0x00);
      out.setUint8(at + 3, 0xff);
    }
  }
  return new Uint8Array(out.buffer);
}

export const FAVICON = icon();
