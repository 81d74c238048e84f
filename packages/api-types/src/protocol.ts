/**
 * The version of this contract. A client sends the one it was built for (`connectionParams.protocol`
 * on the WebSocket, the `X-Chat-Protocol` header over HTTP); a server that no longer speaks it, or
 * does not speak it yet, answers every call with PRECONDITION_FAILED saying which versions it
 * speaks, so the client can tell its user to update instead of failing in stranger ways. A client
 * that sends none is answered as version 1 speakers are, the public contract's first version.
 *
 * 2: room events of the types `reacted`, `unreacted`, `pinned` and `unpinned` (version 1
 * clients get `updated` instead).
 */
export const PROTOCOL_VERSION = 2;

export const PROTOCOL_HEADER = 'x-chat-protocol';
