export type TargetName = 'ours' | 'ours-pg' | 'ws' | 'ws-store' | 'socketio';

export const TARGETS: readonly TargetName[] = ['ws', 'socketio', 'ours', 'ours-pg', 'ws-store'];

export const TARGET_LABEL: Record<TargetName, string> = {
  ours: 'our server (tRPC + SQLite)',
  'ours-pg': 'our server (tRPC + PostgreSQL + Redis)',
  ws: 'bare ws',
  'ws-store': 'bare ws storing through our SQLite store',
  socketio: 'Socket.IO 4',
};

/** Our server, whichever storage it runs on: the same program, the same client. */
export const isOurs = (name: TargetName): boolean => name === 'ours' || name === 'ours-pg';

export interface LaunchOptions {
  /** Forces GC and reads the heap through the inspector (idle-memory runs). */
  inspect?: boolean;
  /** Writes a .cpuprofile into this directory when the process exits. */
  cpuProfDir?: string;
  /** Our server and ws-store: the data directory (a fresh temp dir when absent). */
  dataDir?: string;
  /** Reuse this port (a restart). */
  port?: number;
}
