/**
 * The size to show an image at inside a box, keeping its proportions and never enlarging it.
 * Known before the picture loads, so the conversation does not jump when it arrives.
 */
export function fitWithin(width: number | null, height: number | null, box: { width: number; height: number }): { width: number; height: number } {
  if (!width || !height) return box;
  const scale = Math.min(1, box.width / width, box.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
