// npm run backup -- <file>    a consistent copy of DATA_DIR (the server may be running)
// npm run restore -- <file>   into an empty DATA_DIR (the server stopped)
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { backup, restore } from './backup.ts';

const [command, target] = process.argv.slice(2);
// npm runs this inside apps/api; the file is where the user typed the command.
const file = target && resolve(process.env.INIT_CWD ?? process.cwd(), target);
try {
  if (!file || (command !== 'backup' && command !== 'restore')) throw new Error('usage: npm run backup -- <file.tar.gz> | npm run restore -- <file.tar.gz>');
  const { dataDir, databaseUrl } = loadConfig(process.env);
  if (databaseUrl) throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump (see the README), and the files with DATA_DIR/files');
  if (command === 'backup') {
    const done = await backup(dataDir, file);
    console.log(`backed up ${dataDir}: ${done.messages} messages, ${done.files} files → ${done.file}`);
  } else {
    const done = await restore(file, dataDir);
    console.log(`restored ${file} (taken ${done.createdAt}) into ${dataDir}: ${done.messages} messages, ${done.files} files`);
  }
} catch (err) {
  console.error(`${command ?? 'backup'}: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
