import type { BenchResults } from '../results.ts';
import { TARGET_LABEL, type TargetName } from '../targets/target.ts';

const W = 640;
const H = 360;
const PAD = { left: 64, right: 20, top: 36, bottom: 48 };
const COLORS: Record<TargetName, string> = { ws: '#2b7bba', socketio: '#e08a1e', ours: '#2e9e4f', 'ours-pg': '#8e44ad', 'ws-store': '#7f8c8d' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** p99 latency (log scale) against offered deliveries/s from the rate ladder, one line per target. */
export function latencyChart(r: BenchResults): string {
  const series = (Object.keys(r.targets) as TargetName[]).map((name) => ({
    name,
    points: (r.targets[name]?.ladder?.steps ?? []).map((s) => ({ x: s.offeredDeliveriesPerSec, y: Math.max(0.1, s.latency.p99), lost: s.lost > 0 })),
  }));
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map((p) => p.x)) * 1.05;
  const minY = 0.1;
  const maxY = Math.max(1000, ...all.map((p) => p.y));
  const px = (x: number) => PAD.left + (x / maxX) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (Math.log10(y / minY) / Math.log10(maxY / minY)) * (H - PAD.top - PAD.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">p99 latency vs offered load (1 room × 200 members, ${r.mode} mode)</text>`,
  ];
  for (let y = minY; y <= maxY * 1.0001; y *= 10) {
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(y)}" y2="${py(y)}" stroke="#eee"/>`);
    out.push(`<text x="${PAD.left - 6}" y="${py(y) + 4}" text-anchor="end">${y >= 1 ? y.toFixed(0) : y.toFixed(1)} ms</text>`);
  }
  const limit = py(100);
  out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${limit}" y2="${limit}" stroke="#c33" stroke-dasharray="4 3"/>`);
  out.push(`<text x="${W - PAD.right}" y="${limit - 4}" text-anchor="end" fill="#c33">100 ms limit</text>`);
  const step = Math.pow(10, Math.floor(Math.log10(maxX / 5)));
  const tick = [1, 2, 5].map((m) => m * step).find((t) => maxX / t <= 8) ?? step * 10;
  for (let x = 0; x <= maxX; x += tick) {
    out.push(`<text x="${px(x)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${x >= 1000 ? `${x / 1000}k` : x}</text>`);
  }
  out.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 12}" text-anchor="middle">offered deliveries / s</text>`);
  out.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#999"/>`);
  out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#999"/>`);
  series.forEach((s, i) => {
    const color = COLORS[s.name];
    if (s.points.length > 0) {
      const path = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
      out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
      for (const p of s.points) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${p.lost ? '#fff' : color}" stroke="${color}"/>`);
    }
    const ly = PAD.top + 8 + i * 16;
    out.push(`<rect x="${PAD.left + 10}" y="${ly - 8}" width="12" height="3" fill="${color}"/>`);
    out.push(`<text x="${PAD.left + 28}" y="${ly - 3}">${esc(TARGET_LABEL[s.name])}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}
