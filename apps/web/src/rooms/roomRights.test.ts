import { describe, expect, it } from 'vitest';
import { alice, bob, room } from '../test/fixtures.ts';
import { memberActions, messageRights, roleLabel, roomRights } from './roomRights.ts';

const owner = { looksAfter: true, owns: true };
const admin = { looksAfter: true, owns: false };
const none = { looksAfter: false, owns: false };

describe('roomRights', () => {
  it('follows my role in the room', () => {
    expect(roomRights(room({ role: 'owner' }), false)).toEqual(owner);
    expect(roomRights(room({ role: 'admin' }), false)).toEqual(admin);
    expect(roomRights(room({ role: 'member' }), false)).toEqual(none);
    expect(roomRights(room({ role: null, joined: false }), false)).toEqual(none);
  });

  it('gives the server admin every right, even in a room they have not joined', () => {
    expect(roomRights(room({ role: null, joined: false }), true)).toEqual(owner);
    expect(roomRights(room({ role: 'member' }), true)).toEqual(owner);
  });

  it('gives nobody a right over a direct room', () => {
    expect(roomRights(room({ kind: 'direct', role: 'member' }), true)).toEqual(none);
  });
});

describe('messageRights', () => {
  it('lets members react, reply and pin, and those who look after the room delete anything', () => {
    expect(messageRights(room(), admin)).toEqual({ member: true, readOnly: false, moderator: true });
    expect(messageRights(room({ joined: false }), none)).toEqual({ member: false, readOnly: false, moderator: false });
  });

  it('leaves an archived room to be read only, by everyone', () => {
    expect(messageRights(room({ archived: true }), owner)).toEqual({ member: false, readOnly: true, moderator: false });
  });
});

describe('memberActions', () => {
  const member = { user: bob, role: 'member' as const };

  it('lets the owner name and unname admins, and those who look after the room remove members', () => {
    expect(memberActions(member, room(), owner, alice.id)).toEqual({ nextRole: 'admin', remove: true });
    expect(memberActions({ ...member, role: 'admin' }, room(), owner, alice.id)).toEqual({ nextRole: 'member', remove: true });
    expect(memberActions(member, room(), admin, alice.id)).toEqual({ nextRole: null, remove: true });
    expect(memberActions(member, room(), none, alice.id)).toEqual({ nextRole: null, remove: false });
  });

  it('never touches the owner, nor me, nor anyone in an archived room', () => {
    expect(memberActions({ ...member, role: 'owner' }, room(), owner, alice.id)).toEqual({ nextRole: null, remove: false });
    expect(memberActions({ user: alice, role: 'admin' }, room(), owner, alice.id)).toEqual({ nextRole: null, remove: false });
    expect(memberActions(member, room({ archived: true }), owner, alice.id)).toEqual({ nextRole: null, remove: false });
  });
});

describe('roleLabel', () => {
  it('names the owner and admins only', () => {
    expect([roleLabel('owner'), roleLabel('admin'), roleLabel('member')]).toEqual(['Owner', 'Admin', null]);
  });
});
