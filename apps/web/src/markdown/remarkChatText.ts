import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';

/** A username as the server allows it, after an @ that does not follow a word (so e-mail addresses are left alone). */
const MENTION = /(^|[^\w@])@([a-z0-9_.-]{3,32})/gi;

/** Usernames mentioned in a message, lower-cased. */
export function mentionedUsernames(body: string): Set<string> {
  const names = new Set<string>();
  for (const match of body.matchAll(MENTION)) names.add(trimName(match[2] ?? '').toLowerCase());
  return names;
}

/** "Ping @ana." means ana: a trailing dot or dash is punctuation, not part of the name. */
function trimName(name: string): string {
  return name.replace(/[.-]+$/, '');
}

function splitMentions(node: Text): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(MENTION)) {
    const name = trimName(match[2] ?? '');
    if (name.length < 3) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    if (start > last) out.push({ type: 'text', value: node.value.slice(last, start) });
    // Rendered as <mark data-mention>, an element plain Markdown cannot produce, so only this plugin makes one.
    out.push({
      type: 'emphasis',
      children: [{ type: 'text', value: `@${name}` }],
      data: { hName: 'mark', hProperties: { dataMention: name.toLowerCase() } },
    });
    last = start + name.length + 1;
  }
  if (out.length === 0) return [node];
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}

/** Chat messages are not documents: headings read as bold lines, images as their alt text. */
function simplify(node: Nodes): Nodes {
  switch (node.type) {
    // Raw HTML is shown exactly as typed, never interpreted.
    case 'html':
      return { type: 'text', value: node.value };
    case 'image':
      return { type: 'text', value: node.alt ?? '' };
    case 'heading':
      return { type: 'paragraph', children: [{ type: 'strong', children: node.children }] };
    default:
      return node;
  }
}

function walk(parent: Parent): void {
  const children: Nodes[] = [];
  for (const original of parent.children) {
    const child = simplify(original);
    if (child.type === 'text' && parent.type !== 'link') children.push(...splitMentions(child));
    else children.push(child);
    if ('children' in child) walk(child);
  }
  parent.children = children as Parent['children'];
}

/** remark plugin: the chat's reading of a message (see `simplify` and `splitMentions`). */
export function remarkChatText() {
  return (tree: Root) => walk(tree);
}
