// Figures as the report shows them: whole milliseconds and counts, seconds to two places.
type Maybe = number | null | undefined;

const none = (v: Maybe): v is null | undefined => v === null || v === undefined || Number.isNaN(v);

export const count = (v: Maybe): string => (none(v) ? 'n/a' : Math.round(v).toLocaleString('en-US'));
export const ms = (v: Maybe): string => (none(v) ? 'n/a' : `${count(v)} ms`);
export const seconds = (v: Maybe): string => (none(v) ? 'n/a' : `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} s`);
export const mb = (v: Maybe): string => (none(v) ? 'n/a' : `${v.toFixed(1)} MB`);
