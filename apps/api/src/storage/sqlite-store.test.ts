import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store.ts';
import { describeMessageExtras } from './message-extras.conformance.ts';
import { describeRoomAdministration } from './room-admin.conformance.ts';
import { describeProfiles } from './profiles.conformance.ts';
import { describeMemberMarks } from './member-marks.conformance.ts';
import { describeChatStore } from './store.conformance.ts';

const open = async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'chat-store-')), 'chat.db'));
describeChatStore('SQLite', open);
describeMessageExtras('SQLite', open);
describeRoomAdministration('SQLite', open);
describeProfiles('SQLite', open);
describeMemberMarks('SQLite', open);
