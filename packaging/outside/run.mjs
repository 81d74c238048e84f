// Runs the compiled usage program with plain node: node run.mjs <server url>
import { main } from './out/usage.js';

console.log(JSON.stringify(await main(process.argv[2])));
