import { MAX_PROFILES, type Profile } from '@chat/api-types';
import { describe, expect, it } from 'vitest';
import { createProfileLoader } from './profileLoader.ts';

const profile = (id: string): Profile => ({
  user: { id, username: `user${id}`, displayName: `User ${id}` },
  status: '',
  avatar: null,
  joinedAt: '2026-01-01T00:00:00.000Z',
  deactivated: false,
});

/** A server that knows users 1 to 1000, recording each call it answers. */
function server(known = (id: string) => Number(id) <= 1000) {
  const calls: string[][] = [];
  const fetchProfiles = (userIds: string[]) => {
    calls.push(userIds);
    return Promise.resolve(userIds.filter(known).map(profile));
  };
  return { calls, fetchProfiles };
}

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('profile loader', () => {
  it('asks for the users of one tick in one call, and gives each asker its own profile', async () => {
    const { calls, fetchProfiles } = server();
    const loader = createProfileLoader(fetchProfiles);
    const loads = ['3', '1', '2'].map((id) => loader.load(id));
    expect(calls).toEqual([]);
    const profiles = await Promise.all(loads);
    expect(calls).toEqual([['3', '1', '2']]);
    expect(profiles.map((p) => p?.user.id)).toEqual(['3', '1', '2']);
  });

  it('asks once for a user asked for twice, and answers both', async () => {
    const { calls, fetchProfiles } = server();
    const loader = createProfileLoader(fetchProfiles);
    const [first, second] = await Promise.all([loader.load('7'), loader.load('7')]);
    expect(calls).toEqual([['7']]);
    expect(first?.user.displayName).toBe('User 7');
    expect(second).toBe(first);
  });

  it('splits more users than one call may name into calls of at most MAX_PROFILES', async () => {
    const { calls, fetchProfiles } = server();
    const loader = createProfileLoader(fetchProfiles);
    const wanted = ids(1, MAX_PROFILES * 2 + 5);
    const profiles = await Promise.all(wanted.map((id) => loader.load(id)));
    expect(calls.map((call) => call.length)).toEqual([MAX_PROFILES, MAX_PROFILES, 5]);
    expect(calls.flat()).toEqual(wanted);
    expect(profiles.map((p) => p?.user.id)).toEqual(wanted);
  });

  it('starts a new call for what is asked after a call went out', async () => {
    const { calls, fetchProfiles } = server();
    const loader = createProfileLoader(fetchProfiles);
    await loader.load('1');
    await Promise.all([loader.load('1'), loader.load('2')]);
    expect(calls).toEqual([['1'], ['1', '2']]);
  });

  it('answers null for a user the server does not know', async () => {
    const { fetchProfiles } = server((id) => id !== '404');
    const loader = createProfileLoader(fetchProfiles);
    const [known, unknown] = await Promise.all([loader.load('1'), loader.load('404')]);
    expect(known?.user.id).toBe('1');
    expect(unknown).toBeNull();
  });

  it('fails the askers of a failed call only', async () => {
    let call = 0;
    const loader = createProfileLoader((userIds) => (++call === 1 ? Promise.reject(new Error('socket closed')) : Promise.resolve(userIds.map(profile))));
    const wanted = ids(1, MAX_PROFILES + 1);
    const results = await Promise.allSettled(wanted.map((id) => loader.load(id)));
    expect(results.filter((r) => r.status === 'rejected').length).toBe(MAX_PROFILES);
    expect(results.at(-1)).toEqual({ status: 'fulfilled', value: profile(String(MAX_PROFILES + 1)) });
  });
});
