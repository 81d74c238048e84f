import { useEffect, useState, type DragEvent, type ReactNode } from 'react';

const carriesFiles = (event: { dataTransfer: DataTransfer | null }) => event.dataTransfer?.types.includes('Files') ?? false;

interface Props {
  /** What dropping does, shown while files are dragged over. */
  label: string;
  onFiles(files: File[]): void;
  /** Off where nobody can post (a room not joined): then drops are ignored. */
  enabled: boolean;
  className: string;
  children: ReactNode;
}

/** Takes files dropped anywhere on it, and shows where they will go while they are dragged over. */
export function FileDropZone({ label, onFiles, enabled, className, children }: Props) {
  const [over, setOver] = useState(false);

  // A file dropped just beside the zone would make the browser leave the app to open it.
  useEffect(() => {
    const keep = (event: globalThis.DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  const accept = (event: DragEvent) => {
    if (!enabled || !carriesFiles(event)) return false;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    return true;
  };

  return (
    <div
      className={`relative ${className}`}
      onDragEnter={(event) => accept(event) && setOver(true)}
      onDragOver={accept}
      onDragLeave={(event) => {
        // Leaving a child for another child is not leaving the zone.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        if (!accept(event)) return;
        setOver(false);
        onFiles([...event.dataTransfer.files]);
      }}
    >
      {children}
      {over && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-2 z-30 flex flex-col items-center justify-center gap-1 rounded-2xl border-2 border-dashed border-indigo-500 bg-white/90 text-indigo-700 backdrop-blur-sm dark:bg-slate-950/85 dark:text-indigo-300"
        >
          <p className="text-lg font-semibold">Drop to upload</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{label}</p>
        </div>
      )}
    </div>
  );
}
