import { trpcHttp } from '../clients/trpc-http.ts';
import { inBatches, sleep } from '../util/time.ts';
import { marker, messageBody } from './bodies.ts';

export interface Person {
  username: string;
  displayName: string;
  password: string;
  token: string;
}

export interface Sent {
  id: string;
  body: string;
  /** The unique text that finds it in the DOM. */
  marker: string;
  /** Date.now() when the send was issued: the page's clock is the same machine's. */
  issuedAt: number;
}

/**
 * Under load a request now and then fails on the way ("fetch failed", seen once in a burst);
 * a send is safe to repeat, its clientMsgId makes the server answer with the first.
 */
async function retried<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || !(err instanceof TypeError)) throw err;
      await sleep(100 * attempt);
    }
  }
}

/** Concurrent sends, as a busy room would see from several people at once. */
const IN_FLIGHT = 50;
const PASSWORD = 'bench password 1';

// Several authors, so the list shows headers and groups as in a real conversation.
const AUTHORS = [
  ['priya', 'Priya Natarajan'],
  ['tom', 'Tom Becker'],
  ['lena', 'Lena Svensson'],
] as const;

/**
 * The people of one server: the reader the browser signs in as, and the authors who post
 * through the API. Registered once per server (each costs a password hash).
 */
export class Cast {
  private rooms = 0;

  private constructor(
    readonly baseUrl: string,
    readonly reader: Person,
    readonly authors: Person[],
  ) {}

  static async register(baseUrl: string): Promise<Cast> {
    const signUp = async (username: string, displayName: string): Promise<Person> => {
      const out = await trpcHttp<{ token: string }>(baseUrl, 'auth.register', { username, displayName, password: PASSWORD });
      return { username, displayName, password: PASSWORD, token: out.token };
    };
    const reader = await signUp('reader', 'Riley Reader');
    const authors: Person[] = [];
    for (const [username, displayName] of AUTHORS) authors.push(await signUp(username, displayName));
    return new Cast(baseUrl, reader, authors);
  }

  /** A fresh public room that everyone has joined; answers its id and name. */
  async newRoom(purpose: string): Promise<{ id: string; name: string }> {
    const name = `${purpose}-${++this.rooms}`;
    const [owner, ...others] = this.authors as [Person, ...Person[]];
    const room = await trpcHttp<{ id: string }>(this.baseUrl, 'room.create', { name }, owner.token);
    for (const person of [...others, this.reader]) await trpcHttp(this.baseUrl, 'room.join', { roomId: room.id }, person.token);
    return { id: room.id, name };
  }

  /** One message from the author whose turn it is (by index). */
  async send(roomId: string, tag: string, index: number): Promise<Sent> {
    const author = this.authors[index % this.authors.length] as Person;
    const body = messageBody(tag, index);
    const issuedAt = Date.now();
    const input = { roomId, body, clientMsgId: `${tag}-${index}` };
    const message = await retried(() => trpcHttp<{ id: string }>(this.baseUrl, 'message.send', input, author.token));
    return { id: message.id, body, marker: marker(tag, index), issuedAt };
  }

  /**
   * Messages `from`…`to` (inclusive), IN_FLIGHT at a time; the last is sent alone after the
   * others, so it is surely the newest. Answers them in index order.
   */
  async sendMany(roomId: string, tag: string, from: number, to: number): Promise<Sent[]> {
    const indexes = Array.from({ length: to - from }, (_, i) => from + i);
    const sent = await inBatches(indexes, IN_FLIGHT, (index) => this.send(roomId, tag, index));
    sent.push(await this.send(roomId, tag, to));
    return sent;
  }
}
