import { Dialog } from 'radix-ui';
import { useState, type ReactElement } from 'react';
import { CloseIcon, DownloadIcon } from '../ui/icons.tsx';
import type { Attachment } from './attachment.ts';
import { formatSize } from './formatSize.ts';

const control =
  'inline-flex items-center justify-center gap-2 rounded-lg text-sm font-medium text-slate-200 transition-colors hover:bg-white/10 hover:text-white';

/**
 * An image at full size over the page, opened by `children` (the thumbnail), on Radix's Dialog:
 * focus moves in and back to the thumbnail, Escape and the close button close it, and it is
 * announced with the file's name.
 */
export function Lightbox({ file, children }: { file: Attachment; children: ReactElement }) {
  const [open, setOpen] = useState(false);
  const dimensions = file.width && file.height ? ` · ${file.width} × ${file.height}` : '';
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>{children}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/90 backdrop-blur-sm" />
        <Dialog.Content className="fixed inset-0 z-50 flex flex-col text-white focus:outline-none">
          <header className="flex items-center gap-2 px-4 py-3">
            <div className="min-w-0 flex-1">
              <Dialog.Title className="truncate font-semibold">{file.name}</Dialog.Title>
              <Dialog.Description className="text-sm text-slate-300">
                {formatSize(file.size)}
                {dimensions}
              </Dialog.Description>
            </div>
            <a href={file.url} download={file.name} className={`${control} px-3 py-1.5`}>
              <DownloadIcon />
              Download
            </a>
            <Dialog.Close className={`${control} size-9`} aria-label="Close">
              <CloseIcon />
            </Dialog.Close>
          </header>
          {/* A click beside the picture closes, as in every image viewer. */}
          <div className="flex min-h-0 flex-1 items-center justify-center px-4 pb-4" onClick={(event) => event.target === event.currentTarget && setOpen(false)}>
            <img src={file.url} alt={file.name} className="max-h-full max-w-full rounded object-contain shadow-2xl" />
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
