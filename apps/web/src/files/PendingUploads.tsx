import { CloseIcon, FileIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import { formatSize } from './formatSize.ts';
import type { PendingUpload, Uploads } from './uploads.ts';

interface Props {
  uploads: Uploads;
  onRetry(key: string): void;
  onRemove(key: string): void;
}

/** The files going with the next message, above the text field: preview, progress or error, remove. */
export function PendingUploads({ uploads, onRetry, onRemove }: Props) {
  return (
    <ul aria-label="Files to send" className="flex gap-2 overflow-x-auto px-1.5 pt-1.5 pb-0.5">
      {uploads.map((upload) => (
        <PendingFile key={upload.key} upload={upload} onRetry={() => onRetry(upload.key)} onRemove={() => onRemove(upload.key)} />
      ))}
    </ul>
  );
}

function PendingFile({ upload, onRetry, onRemove }: { upload: PendingUpload; onRetry(): void; onRemove(): void }) {
  const failed = upload.status === 'failed';
  // The local picture while it uploads; the server's thumbnail for one kept from before a reload.
  const preview = upload.previewUrl ?? upload.attachment?.thumbnailUrl;
  return (
    <li
      aria-label={upload.name}
      className={`relative flex w-64 shrink-0 items-center gap-2.5 rounded-lg border p-1.5 pr-8 ${
        failed ? 'border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40' : 'border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/60'
      }`}
    >
      {preview ? (
        <img src={preview} alt="" className="size-11 shrink-0 rounded-md object-cover ring-1 ring-slate-900/10 dark:ring-white/10" />
      ) : (
        <span className="flex size-11 shrink-0 items-center justify-center rounded-md bg-white text-slate-500 ring-1 ring-slate-900/10 dark:bg-slate-900 dark:text-slate-400 dark:ring-white/10">
          <FileIcon />
        </span>
      )}
      <div className="min-w-0 flex-1 text-xs">
        <p className="truncate text-sm font-medium" title={upload.name}>
          {upload.name}
        </p>
        {failed ? (
          <div className="flex items-start gap-1.5">
            <p role="alert" className="line-clamp-2 text-red-700 dark:text-red-400">
              {upload.failure?.message}
            </p>
            {upload.failure?.retryable && (
              <button type="button" className={button.ghostTiny} onClick={onRetry} aria-label={`Retry ${upload.name}`}>
                Retry
              </button>
            )}
          </div>
        ) : upload.status === 'uploading' ? (
          <div
            role="progressbar"
            aria-label={`Uploading ${upload.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(upload.progress * 100)}
            className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          >
            <div className="h-full rounded-full bg-indigo-600 transition-[width] dark:bg-indigo-400" style={{ width: `${upload.progress * 100}%` }} />
          </div>
        ) : (
          <p className={muted}>{formatSize(upload.size)}</p>
        )}
      </div>
      <button type="button" className={`${button.iconSmall} absolute top-1 right-1`} onClick={onRemove} aria-label={`Remove ${upload.name}`}>
        <CloseIcon />
      </button>
    </li>
  );
}
