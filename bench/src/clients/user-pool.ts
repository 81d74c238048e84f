import { inBatches } from '../util/time.ts';
import { trpcHttp } from './trpc-http.ts';

export interface BenchUser {
  id: string;
  token: string;
}

/**
 * Accounts made with `auth.register`. Each costs an Argon2 hash (tens of ms), so connections
 * share a pool of users round-robin (like one person with several tabs) instead of one each.
 */
export class UserPool {
  private readonly joined = new Set<string>();

  private constructor(
    private readonly httpBase: string,
    readonly users: BenchUser[],
  ) {}

  static async register(httpBase: string, size: number): Promise<UserPool> {
    const names = Array.from({ length: size }, (_, i) => `bench_${i}`);
    const users = await inBatches(names, 4, async (username) => {
      const out = await trpcHttp<{ token: string; user: { id: string } }>(httpBase, 'auth.register', {
        username,
        password: 'bench password 1',
      });
      return { id: out.user.id, token: out.token };
    });
    return new UserPool(httpBase, users);
  }

  user(conn: number): BenchUser {
    return this.users[conn % this.users.length] as BenchUser;
  }

  async createRooms(prefix: string, count: number): Promise<string[]> {
    const owner = this.user(0);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const room = await trpcHttp<{ id: string }>(this.httpBase, 'room.create', { name: `${prefix}-${i}` }, owner.token);
      this.joined.add(`${owner.id}:${room.id}`);
      ids.push(room.id);
    }
    return ids;
  }

  /** `room.join` once per (user, room). */
  async join(user: BenchUser, roomId: string): Promise<void> {
    const key = `${user.id}:${roomId}`;
    if (this.joined.has(key)) return;
    this.joined.add(key);
    await trpcHttp(this.httpBase, 'room.join', { roomId }, user.token);
  }
}
