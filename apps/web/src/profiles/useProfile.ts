import type { Profile } from '@chat/api-types';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { trpc } from '../trpc.ts';
import { createProfileLoader, type ProfileLoader } from './profileLoader.ts';

/**
 * Changes arrive as `profile-changed` events and every query is refetched after a reconnect, so
 * time alone need not make a profile stale often; it still does, for a cache restored after a
 * reload and for people no event of mine speaks of.
 */
const PROFILE_STALE_MS = 5 * 60_000;

/** One query per user, so one person's change refetches and re-renders that person only. */
export const profileKey = (userId: string) => ['profile', userId] as const;

// One loader per session's client: a new sign-in starts with a new client, and asks anew.
const loaders = new WeakMap<object, ProfileLoader>();

function useProfileLoader(): ProfileLoader {
  const { client } = trpc.useUtils();
  let loader = loaders.get(client);
  if (!loader) {
    loader = createProfileLoader((userIds) => client.user.profiles.query({ userIds }));
    loaders.set(client, loader);
  }
  return loader;
}

/** A user's profile (status, picture); data is null for a user the server does not know. */
export function useProfile(userId: string) {
  const loader = useProfileLoader();
  return useQuery({ queryKey: profileKey(userId), queryFn: () => loader.load(userId), staleTime: PROFILE_STALE_MS });
}

/** Reads a user's profile again, if it is cached or shown. */
export function refreshProfile(queryClient: QueryClient, userId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: profileKey(userId) });
}

/** Shows a profile the server just answered (after I changed mine) without asking for it again. */
export function useSetProfile(): (profile: Profile) => void {
  const queryClient = useQueryClient();
  return (profile) => queryClient.setQueryData(profileKey(profile.user.id), profile);
}
