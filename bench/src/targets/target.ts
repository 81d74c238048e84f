export type TargetName = 'ours' | 'ws' | 'socketio';

export const TARGETS: readonly TargetName[] = ['ws', 'socketio', 'ours'];

export const TARGET_LABEL: Record<TargetName, string> = {
  ours: 'our server (tRPC + SQLite)',
  ws: 'bare ws',
  socketio: 'Socket.IO 4',
};

export interface LaunchOptions {
  /** Forces GC and reads the heap through the inspector (idle-memory runs). */
  inspect?: boolean;
  /** Writes a .cpuprofile into this directory when the process exits. */
  cpuProfDir?: string;
  /** Our server only: the data directory (a fresh temp dir when absent). */
  dataDir?: string;
  /** Reuse this port (a restart). */
  port?: number;
}
