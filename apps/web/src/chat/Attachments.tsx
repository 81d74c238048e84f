import type { Message } from '@chat/api-types';
import { FileIcon } from '../ui/icons.tsx';
import { muted } from '../ui/styles.ts';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Files on a message: images as thumbnails, anything else as a download link. */
export function Attachments({ files }: { files: Message['attachments'] }) {
  if (files.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-2" aria-label="Attachments">
      {files.map((file) => (
        <li key={file.id}>
          <a href={file.url} target="_blank" rel="noopener noreferrer" className="block">
            {file.thumbnailUrl ? (
              <img
                src={file.thumbnailUrl}
                alt={file.name}
                width={file.width ?? undefined}
                height={file.height ?? undefined}
                loading="lazy"
                className="h-auto max-h-60 w-auto max-w-xs rounded-lg ring-1 ring-slate-900/10 dark:ring-white/10"
              />
            ) : (
              <span className="flex items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
                <FileIcon />
                <span className="max-w-56 truncate font-medium">{file.name}</span>
                <span className={`${muted} text-xs`}>{size(file.size)}</span>
              </span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
