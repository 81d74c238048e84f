import type { ReplyQuote } from '@chat/api-types';
import { useMe } from '../auth/meContext.ts';
import { MarkdownPreview } from '../markdown/Markdown.tsx';

const quoteStyle = 'mb-0.5 block max-w-full truncate border-l-2 border-slate-300 pl-2 text-left text-xs text-slate-500 dark:border-slate-600 dark:text-slate-400';

/** What a reply shows above its text of the message it answers, on one line; a way into their thread where one opens. */
export function Quote({ quote, onOpen }: { quote: ReplyQuote; onOpen?: () => void }) {
  const me = useMe();
  const content = quote.deleted ? (
    <span className="italic">Original message deleted</span>
  ) : (
    <>
      <span className="font-medium text-slate-700 dark:text-slate-300">{quote.author.displayName}</span>: <MarkdownPreview text={quote.excerpt} myUsername={me.username} />
    </>
  );
  if (!onOpen) {
    return (
      <p className={quoteStyle}>
        <span className="sr-only">In reply to </span>
        {content}
      </p>
    );
  }
  const said = quote.deleted ? 'Original message deleted' : `${quote.author.displayName}: ${quote.excerpt}`;
  return (
    <button type="button" className={`${quoteStyle} rounded-r hover:text-slate-800 dark:hover:text-slate-200`} aria-label={`In reply to ${said}, open the thread`} onClick={onOpen}>
      {content}
    </button>
  );
}
