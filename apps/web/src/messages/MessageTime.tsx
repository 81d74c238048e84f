import { fullDateLabel, timeLabel } from '../lib/timeLabels.ts';
import { Tooltip } from '../ui/Tooltip.tsx';

/** When a message was written, with the whole date on hover. */
export function MessageTime({ iso, className }: { iso: string; className: string }) {
  return (
    <Tooltip content={fullDateLabel(iso)}>
      <time dateTime={iso} className={className}>
        {timeLabel(iso)}
      </time>
    </Tooltip>
  );
}
