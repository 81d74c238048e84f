/** One line the server wrote: a pino JSON line on stdout, or anything on stderr. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** pino's level (30 info, 40 warn, 50 error); null for a line that is not pino JSON. */
  level: number | null;
  msg: string;
  text: string;
}

const STACK = /"stack"|^\s+at /;

/** Everything the server process writes, so that tests can ask what an attack made it log. */
export class LogCapture {
  private readonly lines: LogLine[] = [];

  add(stream: LogLine['stream'], text: string): void {
    let parsed: { level?: unknown; msg?: unknown } | null = null;
    try {
      parsed = JSON.parse(text) as { level?: unknown; msg?: unknown };
    } catch {
      // Not pino's: a crash, a stack trace, a warning from Node.
    }
    const level = stream === 'stdout' && typeof parsed?.level === 'number' ? parsed.level : null;
    this.lines.push({ stream, level, msg: typeof parsed?.msg === 'string' ? parsed.msg : text, text });
  }

  /** A position to ask `since` about later. */
  mark(): number {
    return this.lines.length;
  }

  since(mark: number): LogLine[] {
    return this.lines.slice(mark);
  }
}

/** Lines at `level` or above; a line that is not pino JSON counts as serious. */
export const atLeast = (lines: LogLine[], level: number): LogLine[] => lines.filter((line) => line.level === null || line.level >= level);

export const withStack = (lines: LogLine[]): LogLine[] => lines.filter((line) => STACK.test(line.text));

/** A line as a test failure shows it: where, how serious, and what (without the stack). */
export const describeLine = (line: LogLine): string => `${line.stream} level ${line.level ?? '?'}: ${line.msg.slice(0, 200)}`;
