// Text shaped like a team's chat: mostly a line or two, now and then markdown, a link, a list
// or a code block, because the list's cost per message depends on what it has to render.
const SENTENCES = [
  'Pushed the fix for the login redirect, can someone take a look?',
  'The staging deploy is green again.',
  'I think we should move the retro to Thursday.',
  'Lunch at the usual place?',
  'Does anyone know why the nightly build is twice as slow since Monday?',
  'Reviewed it, left two small comments, otherwise good to merge.',
  'The customer confirmed the export works with their spreadsheet now.',
  "I'll be out tomorrow afternoon, ping me before noon if you need anything.",
  'Heads up: the database migration will run at 18:00.',
  'Nice work on the onboarding flow, it feels much faster.',
  'Can we bump the timeout to 30 seconds for the import job?',
  'Ok, merging once CI passes.',
  'Anyone else seeing flaky tests in the search suite?',
  'The new icons look great on dark mode.',
  'Thanks!',
  'Let me check and get back to you.',
];

const CODE = ['```ts', 'const retries = Math.min(attempt * 2, 10);', 'await sleep(retries * 100);', '```'].join('\n');

/** Small deterministic generator, so two runs (and two checkouts) render the same text. */
function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * `<tag>-<index>` at the start of the first line: plain word characters and a hyphen, so
 * markdown leaves it alone and the message can be found by its text in the DOM.
 */
export const marker = (tag: string, index: number): string => `${tag}-${String(index).padStart(5, '0')}`;

/**
 * The index a marker of `tag` carries in `text`, or null. No word boundary before it: an
 * element's textContent runs the header into the body ("1:51 PMc7-00030 …").
 */
export function readMarker(tag: string, text: string): number | null {
  const match = new RegExp(`${tag}-(\\d{5,})\\b`).exec(text);
  return match ? Number(match[1]) : null;
}

export function messageBody(tag: string, index: number): string {
  const random = rng(index + 1);
  const pick = () => SENTENCES[Math.floor(random() * SENTENCES.length)] as string;
  const sentences = Array.from({ length: 1 + Math.floor(random() * 3) }, pick).join(' ');
  const head = `${marker(tag, index)} ${sentences}`;
  const kind = random();
  if (kind < 0.08) return `${head}\n\n${CODE}`;
  if (kind < 0.16) return `${head}\n- first, the **migration**\n- then \`npm run deploy\`\n- then tell support`;
  if (kind < 0.26) return `${head} See https://example.com/issues/${index} for the details.`;
  if (kind < 0.36) return `${head} This is **important** for the _release_.`;
  return head;
}
