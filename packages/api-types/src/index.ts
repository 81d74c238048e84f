// The contract between the server and its clients: input schemas and the shapes of results
// and events. It imports nothing from the server; the router's own types (AppRouter) come from
// the server's `@chat/api/router` export.
export * from './protocol.ts';
export * from './schemas.ts';
export type * from './shapes.ts';
