import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { remarkChatText } from './remarkChatText.ts';

/**
 * The subset a chat needs. Anything else Markdown can produce (tables, rules, task lists)
 * is unwrapped to its text. Raw HTML never reaches the DOM: remarkChatText turns it into
 * text, and react-markdown builds React elements, never innerHTML.
 */
const allowedElements = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'mark'];
/** For a preview inside a button: inline formatting only, so no block and no link nests in it. */
const previewElements = ['strong', 'em', 'del', 'code', 'mark'];
const remarkPlugins = [remarkGfm, remarkChatText];

function components(myUsername: string): Components {
  return {
    // react-markdown's default urlTransform has already emptied unsafe hrefs (javascript:, data:, …).
    a: ({ href, children }) =>
      href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200">
          {children}
        </a>
      ) : (
        <span>{children}</span>
      ),
    mark: ({ children, ...props }) => {
      const name = (props as { 'data-mention'?: string })['data-mention'];
      const mine = name === myUsername.toLowerCase();
      return (
        <span
          data-mention={name}
          className={`rounded px-0.5 font-medium ${mine ? 'bg-amber-200 text-amber-950 dark:bg-amber-400/30 dark:text-amber-100' : 'bg-indigo-100 text-indigo-800 dark:bg-indigo-400/20 dark:text-indigo-200'}`}
        >
          {children}
        </span>
      );
    },
    pre: ({ children }) => (
      <pre className="my-1 overflow-x-auto rounded-lg bg-slate-100 p-3 text-[0.85rem] leading-snug dark:bg-slate-900 [&>code]:bg-transparent [&>code]:p-0">{children}</pre>
    ),
    code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">{children}</code>,
    blockquote: ({ children }) => (
      <blockquote className="my-1 border-l-4 border-slate-300 pl-3 text-slate-700 dark:border-slate-600 dark:text-slate-300">{children}</blockquote>
    ),
    ul: ({ children }) => <ul className="my-1 list-disc pl-6">{children}</ul>,
    ol: ({ children }) => <ol className="my-1 list-decimal pl-6">{children}</ol>,
  };
}

interface Props {
  text: string;
  myUsername: string;
  /** Shown at the end of the last line, e.g. "(edited)". */
  after?: ReactNode;
}

/**
 * Most chat messages are a plain line or two. Text with none of Markdown's marks (nor a
 * mention, a link or a line break) renders as the one paragraph the parser would make, without
 * parsing it: a busy room draws many rows a second. Anything that might be markup goes the
 * whole way.
 */
const MAY_BE_MARKUP = /[\\`*_~[\]<>#|&@\n\r\t]|:\/\/|www\.|^\s|\s$|^(\d+[.)]|[-+])/i;

export function isPlainText(text: string): boolean {
  return text.length > 0 && !MAY_BE_MARKUP.test(text);
}

/** The parsed text, limited to `elements`. */
export function MarkdownBlocks({ text, myUsername, elements }: { text: string; myUsername: string; elements: string[] }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} allowedElements={elements} unwrapDisallowed components={components(myUsername)}>
      {text}
    </ReactMarkdown>
  );
}

export function Markdown({ text, myUsername, after }: Props) {
  return (
    <div className="chat-markdown">
      {isPlainText(text) ? <p>{text}</p> : <MarkdownBlocks text={text} myUsername={myUsername} elements={allowedElements} />}
      {after && <span className="md-after">{after}</span>}
    </div>
  );
}

/** A message as one run of text keeping its inline formatting, e.g. for a search result. */
export function MarkdownPreview({ text, myUsername }: Omit<Props, 'after'>) {
  // Replies quote what they answer in every row they are drawn in: plain text skips the parser.
  return isPlainText(text) ? text : <MarkdownBlocks text={text} myUsername={myUsername} elements={previewElements} />;
}
