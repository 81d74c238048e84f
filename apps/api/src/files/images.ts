import sharp from 'sharp';

const THUMBNAILABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
const THUMBNAIL_BOX = 480;

export interface ImageInfo {
  width: number;
  height: number;
  hasThumbnail: boolean;
}

/**
 * Size and a WebP thumbnail for images. Animated GIFs and WebPs stay animated (every frame is
 * resized). A file that claims an image signature but does not decode is simply not an image.
 */
export async function describeImage(path: string, mime: string, thumbnailPath: string): Promise<ImageInfo | null> {
  if (!THUMBNAILABLE.has(mime)) return null;
  try {
    const meta = await sharp(path).metadata();
    const width = meta.width;
    const height = meta.pageHeight ?? meta.height;
    if (!width || !height) return null;
    await sharp(path, { animated: true })
      .rotate()
      .resize({ width: THUMBNAIL_BOX, height: THUMBNAIL_BOX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(thumbnailPath);
    return { width, height, hasThumbnail: true };
  } catch {
    return null;
  }
}
