import pLimit from 'p-limit';
import type sharp from 'sharp';

const THUMBNAILABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
const THUMBNAIL_BOX = 480;

let loaded: Promise<typeof sharp> | undefined;

/**
 * sharp, loaded on the first image rather than at start: a server that never receives one need
 * not hold libvips in memory. If sharp is missing or broken, every image upload fails with its
 * error (logged as `upload failed`) rather than passing unnoticed as a plain file.
 */
function loadSharp(): Promise<typeof sharp> {
  return (loaded ??= import('sharp').then(({ default: sharp }) => {
    // Process-wide settings: one thread per image, and no cache of decoded images, which
    // uploads (each seen once) would only fill.
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  }));
}

export interface ImageInfo {
  width: number;
  height: number;
  hasThumbnail: boolean;
}

/**
 * Sizes and WebP thumbnails for uploaded images, within a budget. Decoding is where an image
 * costs: an interlaced PNG is held whole in memory, 4 bytes a pixel, whatever its file size. So
 * the header's pixel count is checked before anything is decoded (an image over `maxPixels` is
 * kept as a plain file, never decoded), and thumbnails are made `concurrency` at a time, each
 * on one libvips thread, however many uploads arrive at once.
 */
export class Thumbnailer {
  private readonly queue;

  constructor(private readonly opts: { maxPixels: number; concurrency: number }) {
    this.queue = pLimit(opts.concurrency);
  }

  /**
   * An image's size and its thumbnail at `thumbnailPath`; null for anything not to be shown as
   * an image. Animated GIFs and WebPs stay animated. A file that claims an image signature but
   * does not decode is simply not an image.
   */
  describe(path: string, mime: string, thumbnailPath: string): Promise<ImageInfo | null> {
    if (!THUMBNAILABLE.has(mime)) return Promise.resolve(null);
    return this.queue(async () => {
      const sharp = await loadSharp();
      try {
        const meta = await sharp(path).metadata();
        const width = meta.width;
        const height = meta.pageHeight ?? meta.height;
        if (!width || !height || width * height * (meta.pages ?? 1) > this.opts.maxPixels) return null;
        await sharp(path, { animated: true, limitInputPixels: this.opts.maxPixels })
          .rotate()
          .resize({ width: THUMBNAIL_BOX, height: THUMBNAIL_BOX, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 80 })
          .toFile(thumbnailPath);
        return { width, height, hasThumbnail: true };
      } catch {
        return null;
      }
    });
  }

  /**
   * Square WebP crops of an image, one per target: its first frame only (a picture is still),
   * turned upright. False when it does not decode (or is no longer within `maxPixels`).
   */
  squares(path: string, targets: readonly { size: number; path: string }[]): Promise<boolean> {
    return this.queue(async () => {
      const sharp = await loadSharp();
      try {
        const upright = sharp(path, { limitInputPixels: this.opts.maxPixels }).rotate();
        for (const { size, path: target } of targets) {
          await upright.clone().resize({ width: size, height: size, fit: 'cover' }).webp({ quality: 80 }).toFile(target);
        }
        return true;
      } catch {
        return false;
      }
    });
  }
}
