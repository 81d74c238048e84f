export type { AppRouter, RouterInputs, RouterOutputs } from '@chat/api/router';
export type { Avatar, Message, NotificationLevel, Pin, Profile, Reaction, ReadEvent, ReplyQuote, Room, RoomReader, ThreadPage, User, UserEvent } from '@chat/api-types';
export type { Api } from './api.ts';
export { createChatClient, type ChatClient, type ChatClientOptions } from './chat-client.ts';
export { ChatError, isChatError, toChatError, type ChatErrorCode } from './errors.ts';
export type { Follow, FollowOptions, RoomEvent } from './follow.ts';
export type { SendOptions } from './send.ts';
