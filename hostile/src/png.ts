import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RGB = 2;
const RGBA = 6;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG built by hand: whatever its header declares, the image data is `scanlines`, deflated. */
function png(width: number, height: number, colorType: number, interlaced: boolean, scanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bits per channel
  header.writeUInt8(colorType, 9);
  header.writeUInt8(interlaced ? 1 : 0, 12);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]);
}

const BOMB_SIDE = 16383;
let bomb: Buffer | undefined;

/**
 * The largest image libvips opens, interlaced RGBA: decoding it means holding all 1 GiB of it.
 * The file is 16 KB: its data is the first of Adam7's seven passes (every 8th pixel of every
 * 8th row), zeros, which is enough for a decoder that goes ahead to touch hundreds of MB.
 */
export function pixelBomb(): Buffer {
  const perPass = Math.ceil(BOMB_SIDE / 8);
  return (bomb ??= png(BOMB_SIDE, BOMB_SIDE, RGBA, true, Buffer.alloc(perPass * (1 + perPass * 4))));
}

/** A 64 × 64 gradient that decodes fully, so it gets a thumbnail. */
export function smallImage(): Buffer {
  const side = 64;
  const row = (y: number) => Buffer.from([0, ...Array.from({ length: side }, (_, x) => [x * 4, y * 4, 128]).flat()]);
  return png(side, side, RGB, false, Buffer.concat(Array.from({ length: side }, (_, y) => row(y))));
}
