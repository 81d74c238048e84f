import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
// A relative, type-only import: api-types must not depend on @chat/api as a package,
// since the server depends on these schemas and workspaces may not form a cycle.
import type { AppRouter } from '../../../apps/api/src/router.ts';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type User = RouterOutputs['auth']['register']['user'];
export type Room = RouterOutputs['room']['create'];
export type Message = RouterOutputs['message']['send'];
export type RoomEvent = { type: 'created' | 'updated' | 'deleted'; message: Message };
export type RoomMember = RouterOutputs['room']['members'][number];
/** What `room.onPresence` streams: who is online, then each change. */
export type PresenceEvent = RouterOutputs['room']['onPresence'] extends AsyncIterable<infer E> ? E : never;

export * from './schemas.ts';
