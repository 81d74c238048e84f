import { fmt } from '../report/format.ts';
import type { WebBenchResults } from './results.ts';

const W = 640;
const H = 360;
const PAD = { left: 64, right: 20, top: 40, bottom: 48 };
const COLORS = ['#2e9e4f', '#e08a1e', '#2b7bba', '#9b59b6'];
/** The targets by missed messages, drawn over their group. */
const TARGET_MS: Record<number, number> = { 1_000: 1_000, 5_000: 2_000 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Catch-up time (reconnected → newest shown) by missed messages, one bar per app, on a log
 * scale: the apps can be a thousand times apart. A timed-out bar reaches the timeout, hollow.
 */
export function catchupChart(r: WebBenchResults): string {
  const sizes = [...new Set(r.apps.flatMap((a) => a.catchup.map((c) => c.missed)))];
  const minY = 10;
  const maxY = Math.max(10_000, r.timeoutMs);
  const plotH = H - PAD.top - PAD.bottom;
  const py = (v: number) => H - PAD.bottom - (Math.log10(Math.max(minY, v) / minY) / Math.log10(maxY / minY)) * plotH;
  const groupW = (W - PAD.left - PAD.right) / Math.max(1, sizes.length);
  const barW = Math.min(48, (groupW * 0.7) / Math.max(1, r.apps.length));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">Catch-up after reconnect: time until the newest message is shown</text>`,
  ];
  for (let y = minY; y <= maxY * 1.0001; y *= 10) {
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(y)}" y2="${py(y)}" stroke="#eee"/>`);
    out.push(`<text x="${PAD.left - 6}" y="${py(y) + 4}" text-anchor="end">${y >= 1000 ? `${y / 1000} s` : `${y} ms`}</text>`);
  }
  // The top of the scale is the timeout: a hollow bar up to it timed out.
  out.push(`<text x="${PAD.left - 6}" y="${py(maxY) + 4}" text-anchor="end">${Math.round(maxY / 1000)} s</text>`);
  out.push(`<text x="${W - PAD.right}" y="${H - 12}" text-anchor="end" fill="#666">hollow: timed out</text>`);
  out.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#999"/>`);
  out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#999"/>`);
  sizes.forEach((missed, g) => {
    const x0 = PAD.left + g * groupW + (groupW - barW * r.apps.length) / 2;
    r.apps.forEach((app, i) => {
      const c = app.catchup.find((x) => x.missed === missed);
      if (!c || c.status === 'failed') return;
      const color = COLORS[i % COLORS.length] as string;
      const timedOut = c.status === 'timed out' || c.catchUpMs === null;
      const value = timedOut ? maxY : (c.catchUpMs as number);
      const x = x0 + i * barW;
      const y = py(value);
      out.push(
        `<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${barW - 4}" height="${(H - PAD.bottom - y).toFixed(1)}" fill="${timedOut ? '#fff' : color}" stroke="${color}" stroke-width="2"${timedOut ? ' stroke-dasharray="4 3"' : ''}/>`,
      );
      const label = timedOut ? `> ${Math.round(maxY / 1000)} s` : `${fmt(value / 1000)} s`;
      out.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${label}</text>`);
    });
    const target = TARGET_MS[missed];
    if (target !== undefined) {
      const ty = py(target);
      out.push(`<line x1="${x0 - 6}" x2="${x0 + barW * r.apps.length + 6}" y1="${ty}" y2="${ty}" stroke="#c33" stroke-dasharray="4 3"/>`);
      out.push(`<text x="${x0 + barW * r.apps.length + 8}" y="${ty + 4}" fill="#c33">≤ ${target / 1000} s</text>`);
    }
    out.push(`<text x="${PAD.left + g * groupW + groupW / 2}" y="${H - PAD.bottom + 16}" text-anchor="middle">${fmt(missed)} missed</text>`);
  });
  r.apps.forEach((app, i) => {
    const ly = PAD.top + 4 + i * 16;
    out.push(`<rect x="${PAD.left + 10}" y="${ly - 8}" width="12" height="10" fill="${COLORS[i % COLORS.length]}"/>`);
    out.push(`<text x="${PAD.left + 28}" y="${ly}">${esc(app.label)}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}
