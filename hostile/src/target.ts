import type { LogCapture } from './logs.ts';
import type { Limits } from './settings.ts';

/** A running server as attacks see it: where it is, the limits it was given, and its log. */
export interface Target {
  /** The server's process, whose memory tests watch. */
  pid: number;
  host: string;
  port: number;
  httpUrl: string;
  wsUrl: string;
  limits: Limits;
  logs: LogCapture;
}
