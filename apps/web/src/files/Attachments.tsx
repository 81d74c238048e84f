import { DownloadIcon, FileIcon } from '../ui/icons.tsx';
import { button, muted } from '../ui/styles.ts';
import type { Attachment } from './attachment.ts';
import { attachmentKind } from './attachmentKind.ts';
import { fitWithin } from './fitWithin.ts';
import { formatSize } from './formatSize.ts';
import { Lightbox } from './Lightbox.tsx';

const THUMBNAIL_BOX = { width: 320, height: 240 };

/**
 * Files on a message: images as thumbnails that open in a lightbox, video and audio as players,
 * anything else as a card to download. Thumbnails of animated GIFs are animated WebPs, so they move.
 */
export function Attachments({ files }: { files: readonly Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="mt-1.5 flex flex-wrap items-start gap-2" aria-label="Attachments">
      {files.map((file) => (
        <li key={file.id} className="max-w-full">
          <AttachmentView file={file} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentView({ file }: { file: Attachment }) {
  switch (attachmentKind(file)) {
    case 'image': {
      const size = fitWithin(file.width, file.height, THUMBNAIL_BOX);
      return (
        <Lightbox file={file}>
          <button
            type="button"
            aria-label={`Open ${file.name}`}
            className="block max-w-full overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-900/10 transition hover:brightness-95 dark:bg-slate-800 dark:ring-white/10"
          >
            <img src={file.thumbnailUrl ?? file.url} alt={file.name} width={size.width} height={size.height} loading="lazy" className="block h-auto max-w-full" />
          </button>
        </Lightbox>
      );
    }
    case 'video':
      return (
        <figure className="w-96 max-w-full">
          <video controls preload="metadata" src={file.url} aria-label={file.name} className="max-h-72 w-full rounded-lg bg-black" />
          <FileMeta file={file} className="mt-1" />
        </figure>
      );
    case 'audio':
      return (
        <figure className={card}>
          <FileMeta file={file} />
          <audio controls preload="metadata" src={file.url} aria-label={file.name} className="mt-2 h-10 w-full" />
        </figure>
      );
    case 'file':
      return (
        <div className={card}>
          <FileMeta file={file} icon />
        </div>
      );
  }
}

const card = 'w-80 max-w-full rounded-lg border border-slate-200 bg-white p-2.5 dark:border-slate-700 dark:bg-slate-900';

/** Name, size and a download link: the part every kind of file shows. */
function FileMeta({ file, icon = false, className = '' }: { file: Attachment; icon?: boolean; className?: string }) {
  return (
    <div className={`flex items-center gap-3 ${className}`}>
      {icon && (
        <span className="flex size-10 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-700 dark:bg-indigo-400/15 dark:text-indigo-300">
          <FileIcon />
        </span>
      )}
      <div className="min-w-0 flex-1 leading-tight">
        <p className="truncate text-sm font-medium" title={file.name}>
          {file.name}
        </p>
        <p className={`${muted} text-xs`}>{formatSize(file.size)}</p>
      </div>
      <a href={file.url} download={file.name} className={button.iconSmall} aria-label={`Download ${file.name}`}>
        <DownloadIcon />
      </a>
    </div>
  );
}
