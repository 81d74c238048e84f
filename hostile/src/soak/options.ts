import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SoakOptions {
  /** How long the crowd chats under attack, set-up and drain not counted. */
  minutes: number;
  clients: number;
  rooms: number;
  outDir: string;
}

const NUMBERS = { minutes: 10, clients: 200, rooms: 10 };
type Name = keyof typeof NUMBERS | 'out-dir';
const NAMES: Name[] = ['minutes', 'clients', 'rooms', 'out-dir'];

export const USAGE = `npm run soak -- [--minutes=10] [--clients=200] [--rooms=10] [--out-dir=hostile/results]`;

/** Reads `--name=value` and `--name value` (the root script hands its arguments on after `--`). */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const given = new Map<Name, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}"; write --name=value`);
    const name = known(match[1] as string);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    given.set(name, value);
  }

  const number = (name: keyof typeof NUMBERS, integer: boolean): number => {
    const text = given.get(name);
    if (text === undefined) return NUMBERS[name];
    const value = Number(text);
    if (!(value > 0) || (integer && !Number.isInteger(value))) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, not "${text}"`);
    return value;
  };
  const options = { minutes: number('minutes', false), clients: number('clients', true), rooms: number('rooms', true), outDir: outDir(given.get('out-dir'), env) };
  if (options.clients < 2 * options.rooms) throw new Error('--clients must be at least twice --rooms: each room needs a sender and another follower');
  return options;
}

/** The command that runs the soak with `options`, as the report shows it. */
export function commandLine(options: SoakOptions): string {
  const changed = (Object.keys(NUMBERS) as (keyof typeof NUMBERS)[]).filter((name) => options[name] !== NUMBERS[name]).map((name) => `--${name}=${options[name]}`);
  return changed.length ? `npm run soak -- ${changed.join(' ')}` : 'npm run soak';
}

function known(name: string): Name {
  const found = NAMES.find((n) => n === name);
  if (!found) throw new Error(`unknown option --${name}`);
  return found;
}

/** npm runs the script in hostile/, so a relative directory is taken from where npm was started. */
function outDir(given: string | undefined, env: NodeJS.ProcessEnv): string {
  if (given === undefined) return fileURLToPath(new URL('../../results', import.meta.url));
  return isAbsolute(given) ? given : resolve(env.INIT_CWD ?? process.cwd(), given);
}
