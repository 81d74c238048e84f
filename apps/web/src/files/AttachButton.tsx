import { useRef } from 'react';
import { PaperclipIcon } from '../ui/icons.tsx';
import { button } from '../ui/styles.ts';
import { Tooltip } from '../ui/Tooltip.tsx';

/** Opens the system file picker; the input itself stays hidden behind a labelled button. */
export function AttachButton({ onFiles }: { onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Tooltip content="Attach files">
        <button type="button" className={`${button.icon} size-9 shrink-0`} aria-label="Attach files" onClick={() => input.current?.click()}>
          <PaperclipIcon />
        </button>
      </Tooltip>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          // Picking the same file again must still fire a change.
          event.target.value = '';
        }}
      />
    </>
  );
}
