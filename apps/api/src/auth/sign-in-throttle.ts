import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Limits } from '../config.ts';
import { addressBucket } from '../client-address.ts';
import type { Logger } from '../log.ts';
import { budget, spend, TooManyRequests, type SharedBudgets } from '../rate-limit.ts';
import { throttledLog } from '../throttled-log.ts';

export type SignInSettings = Pick<
  Limits,
  | 'signinFailuresPerAddress'
  | 'signinAddressWindowSeconds'
  | 'signinFailuresPerAccountAddress'
  | 'signinAccountAddressBlockSeconds'
  | 'signinFreeFailuresPerAccount'
  | 'signinBackoffBaseSeconds'
  | 'signinBackoffMaxSeconds'
  | 'signinFailureMemorySeconds'
  | 'signinKnownAddressSeconds'
  | 'registrationsPerAddress'
  | 'registrationWindowSeconds'
>;

export interface SignInAttempt {
  /** The password was right: the attempt costs nothing, and its address is remembered for the account. */
  succeeded(): Promise<void>;
}

export interface SignInThrottle {
  /**
   * Asked before the password is checked, so that a refused guess costs no hashing: refuses with
   * TooManyRequests, or counts the attempt as a failure until it `succeeded`. Counting it up front
   * rather than after the check keeps a burst of parallel guesses from all passing at once.
   */
  attempt(username: string, address: string): Promise<SignInAttempt>;
  /** Asked before an account is made (and its password hashed). */
  registration(address: string): Promise<void>;
  /** The account was made from this address: a sign-in (its first session) like any other. */
  signedUp(username: string, address: string): Promise<void>;
}

/**
 * Throttling that slows guessing without letting an attacker lock the real user out, after
 * OWASP's advice and rate-limiter-flexible's "login endpoint protection":
 *
 * - Per account and address: `signinFailuresPerAccountAddress` failures in a row (within
 *   `signinFailureMemorySeconds`) refuse that pair for `signinAccountAddressBlockSeconds`; a
 *   success starts the count again. This is the one rule every attempt meets, and it only ever
 *   stops the address that made the failures.
 * - Per account, from every address: past `signinFreeFailuresPerAccount` failures, each attempt
 *   waits for the one before it, the wait doubling from `signinBackoffBaseSeconds` up to
 *   `signinBackoffMaxSeconds`. That is what slows a guesser with thousands of addresses. An
 *   address that signed in to the account within `signinKnownAddressSeconds` skips this rule
 *   (and the next): the attacker cannot make the real user's own machines wait. A machine new to
 *   the account competes with the guesser for those turns while an attack lasts, the price of not
 *   letting a botnet try every password it has. (Someone behind the same NAT as the user shares
 *   the exemption, and still meets the first rule.)
 * - Per address (IPv6 by /64): `signinFailuresPerAddress` failures within
 *   `signinAddressWindowSeconds` refuse that address for the rest of the window, against one
 *   machine spraying many accounts. Behind a NAT or a proxy not declared in TRUST_PROXY this
 *   counts a whole office: its people still sign in to the accounts they used from there before.
 *
 * Usernames that do not exist are counted exactly like those that do, so the answers tell nobody
 * which accounts exist. Sign-ups have a budget of their own per address, large enough for a class
 * signing up from one machine, far below a script's thousands.
 */
export function createSignInThrottle(enabled: boolean, settings: SignInSettings, log: Logger, shared?: SharedBudgets): SignInThrottle {
  if (!enabled) return { attempt: async () => ({ succeeded: async () => {} }), registration: async () => {}, signedUp: async () => {} };
  const s = settings;
  const perPair = budget(
    'signin-pair',
    { points: s.signinFailuresPerAccountAddress, duration: s.signinFailureMemorySeconds, blockDuration: s.signinAccountAddressBlockSeconds },
    shared,
  );
  const perAddress = budget('signin-address', { points: s.signinFailuresPerAddress, duration: s.signinAddressWindowSeconds }, shared);
  const perAccount = budget('signin-account', { points: s.signinFreeFailuresPerAccount, duration: s.signinFailureMemorySeconds }, shared);
  // One attempt at a time while the account backs off: each opens it for a wait of its own length.
  const accountTurn = budget('signin-turn', { points: 1, duration: s.signinBackoffMaxSeconds }, shared);
  const knownPairs = budget('signin-known', { points: 1, duration: s.signinKnownAddressSeconds }, shared);
  const registrations = budget('register', { points: s.registrationsPerAddress, duration: s.registrationWindowSeconds }, shared);
  const logRefusal = throttledLog(log, 'warn', 'refused sign-ins that failed too often');
  // Without this, the machine an account was made on would wait behind a guesser like any other.
  const remember = async (username: string, address: string) => {
    await knownPairs.set(pairKey(username, address), 1, s.signinKnownAddressSeconds);
  };
  const backoff = (beyondFree: number) => Math.min(s.signinBackoffBaseSeconds * 2 ** Math.min(beyondFree - 1, 30), s.signinBackoffMaxSeconds);

  return {
    async attempt(username, address) {
      const where = addressBucket(address);
      const pair = pairKey(username, address);
      const known = (await knownPairs.get(pair)) !== null;
      const held: Array<[RateLimiterAbstract, string]> = [];
      const hold = async (limiter: RateLimiterAbstract, key: string, what: string) => {
        await spend(limiter, key, what);
        held.push([limiter, key]);
      };
      const giveBack = () => Promise.all(held.map(([limiter, key]) => limiter.reward(key)));
      let tookTurn = false;
      try {
        await hold(perPair, pair, 'too many failed sign-ins to this account from this address');
        if (!known) {
          await hold(perAddress, where, 'too many failed sign-ins from this address');
          const failures = await perAccount.penalty(username);
          held.push([perAccount, username]);
          const beyondFree = failures.consumedPoints - s.signinFreeFailuresPerAccount;
          if (beyondFree > 0) {
            await spend(accountTurn, username, 'too many failed sign-ins to this account', { customDuration: backoff(beyondFree) });
            tookTurn = true;
          }
        }
      } catch (err) {
        // A refused attempt checks no password, so it is no failure either.
        await giveBack();
        if (err instanceof TooManyRequests) logRefusal({ address, reason: err.message });
        throw err;
      }
      return {
        async succeeded() {
          await giveBack();
          await Promise.all([perPair.delete(pair), tookTurn && accountTurn.delete(username), remember(username, address)]);
        },
      };
    },

    async registration(address) {
      await spend(registrations, addressBucket(address), 'too many sign-ups from this address');
    },

    signedUp: remember,
  };
}

// The address comes first and holds no space, so no username can make two pairs collide.
const pairKey = (username: string, address: string) => `${addressBucket(address)} ${username}`;
