import { MAX_PROFILES, type Profile } from '@chat/api-types';

/** One `user.profiles` call: the profiles of the users asked for, leaving out unknown ids. */
export type FetchProfiles = (userIds: string[]) => Promise<Profile[]>;

export interface ProfileLoader {
  /** The user's profile, or null when the server knows no such user. */
  load(userId: string): Promise<Profile | null>;
}

interface Waiter {
  resolve(profile: Profile | null): void;
  reject(error: unknown): void;
}

/**
 * A list of messages mounts its rows, a members dialog its members, a reconnect refetches every
 * shown profile: each asks for one user at once. The ids asked for within one tick go out
 * together, in calls of at most MAX_PROFILES, so a screen of people costs one request, not one each.
 */
export function createProfileLoader(fetchProfiles: FetchProfiles): ProfileLoader {
  let pending = new Map<string, Waiter[]>();

  const flush = () => {
    const batch = pending;
    pending = new Map();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += MAX_PROFILES) {
      const chunk = ids.slice(start, start + MAX_PROFILES);
      const settle = (each: (waiter: Waiter, userId: string) => void) => {
        for (const userId of chunk) for (const waiter of batch.get(userId) ?? []) each(waiter, userId);
      };
      fetchProfiles(chunk).then(
        (profiles) => {
          const byId = new Map(profiles.map((profile) => [profile.user.id, profile]));
          settle((waiter, userId) => waiter.resolve(byId.get(userId) ?? null));
        },
        (error: unknown) => settle((waiter) => waiter.reject(error)),
      );
    }
  };

  return {
    load(userId) {
      return new Promise((resolve, reject) => {
        // A timer rather than a microtask: React may commit the rows of one screen over several microtasks.
        if (pending.size === 0) setTimeout(flush, 0);
        const waiters = pending.get(userId);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(userId, [{ resolve, reject }]);
      });
    },
  };
}
