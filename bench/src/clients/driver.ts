/** A live subscription to one room on one WebSocket connection. */
export interface Subscription {
  close(): void;
}

/** A connection that sends messages into one room without waiting for answers (open loop). */
export interface Sender {
  send(body: string, clientMsgId: string): void;
  /** Sends the server refused or failed. */
  readonly errors: number;
  close(): void;
}

/** How the harness talks to one target: the same operations, each target's own protocol. */
export interface Driver {
  /** Creates `count` rooms (names start with `prefix`); answers their ids. */
  createRooms(prefix: string, count: number): Promise<string[]>;
  /** Opens connection number `conn` and subscribes it to `room`; every raw event frame goes to `onFrame`. */
  subscribe(room: string, conn: number, onFrame: (frame: string) => void): Promise<Subscription>;
  sender(room: string, conn: number): Promise<Sender>;
  close(): Promise<void>;
}
