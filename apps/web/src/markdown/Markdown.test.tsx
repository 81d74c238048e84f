import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isPlainText, Markdown, MarkdownBlocks, MarkdownPreview } from './Markdown.tsx';
import { mentionedUsernames } from './remarkChatText.ts';

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} myUsername="ana" />);

describe('Markdown', () => {
  it('renders the chat subset', () => {
    const out = html('**bold** _it_ `code`\n\n```\nblock\n```\n\n- one\n- two\n\n1. first\n\n> quoted');
    for (const tag of ['<strong>bold</strong>', '<em>it</em>', '>code</code>', '<pre', '<ul', '<li>one</li>', '<ol', '<blockquote']) {
      expect(out).toContain(tag);
    }
  });

  it('opens links in a new tab without handing over the opener', () => {
    const out = html('[docs](https://example.com/a) and https://example.org');
    expect(out).toContain('href="https://example.com/a" target="_blank" rel="noopener noreferrer"');
    expect(out).toContain('href="https://example.org"');
  });

  it('shows raw HTML as text and never as elements', () => {
    const out = html('<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n<div onclick="x()">hi</div>');
    expect(out).not.toMatch(/<img|<script|<div onclick/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('makes script URLs inert, however they are spelled', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'jav&#x61;script:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x']) {
      const out = html(`[click](${href})`);
      expect(out).not.toContain('href');
      expect(out).toContain('click');
    }
  });

  it('shows images as their alt text and headings as bold lines', () => {
    const out = html('![a cat](https://example.com/cat.png)\n\n# Title');
    expect(out).not.toContain('<img');
    expect(out).toContain('a cat');
    expect(out).toContain('<strong>Title</strong>');
    expect(out).not.toContain('<h1');
  });

  it('highlights mentions, mine more than others, but not e-mail addresses', () => {
    const out = html('hi @ana and @Bob.smith, mail bob@example.com');
    expect(out).toContain('data-mention="ana"');
    expect(out).toContain('data-mention="bob.smith"');
    expect(out).not.toContain('data-mention="example.com"');
    expect(out.match(/bg-amber-200/g)).toHaveLength(1);
  });
});

describe('plain text', () => {
  const parsed = (text: string) =>
    renderToStaticMarkup(<MarkdownBlocks text={text} myUsername="ana" elements={['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'mark']} />);

  it('renders exactly what the parser would, without parsing', () => {
    const plain = [
      'Thanks!',
      'Heads up: the database migration will run at 18:00.',
      "I'll be out tomorrow afternoon, ping me before noon if you need anything.",
      'Does anyone know why the nightly build is twice as slow since Monday? c7-00030 2 + 2 = 4 (really); 50% off, "quoted" {braces} $5 ^caret',
      'naïve café — 東京 🚀 ok',
      'a.b, 1.5 and x-y',
    ];
    for (const text of plain) {
      expect(isPlainText(text), text).toBe(true);
      expect(html(text), text).toBe(`<div class="chat-markdown">${parsed(text)}</div>`);
    }
  });

  it('leaves anything that might be markup to the parser', () => {
    const marked = ['*a*', 'a_b_', '`x`', '~~no~~', '[a](b)', '<b>', '# h', 'a | b', '&amp;', '@ana hi', 'one\ntwo', 'see http://x.io', 'www.example.com', ' indented', 'trailing ', '1. first', '2) second', '- item', '+ item', '\\*', ''];
    for (const text of marked) expect(isPlainText(text), text).toBe(false);
  });
});

describe('mentionedUsernames', () => {
  it('finds each mention once, without trailing punctuation', () => {
    expect([...mentionedUsernames('@ana, @Ana. ask @bo and me@mail.com')]).toEqual(['ana']);
  });
});

describe('MarkdownPreview', () => {
  it('keeps inline formatting and drops links and blocks, so it can sit inside a button', () => {
    const out = renderToStaticMarkup(<MarkdownPreview text={'**launch** rehearsal, see [notes](https://example.com)\n\n- one'} myUsername="ana" />);
    expect(out).toContain('<strong>launch</strong> rehearsal, see notes');
    expect(out).not.toMatch(/<a |<p>|<ul|\*\*/);
  });
});
