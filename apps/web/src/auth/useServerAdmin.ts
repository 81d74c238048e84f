import { trpc } from '../trpc.ts';

/** Whether I am the server admin (the server's first account), which an account never stops or starts being. */
export function useServerAdmin(): boolean {
  return trpc.auth.account.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY }).data?.serverAdmin ?? false;
}
