// Serves the built site on 127.0.0.1: `node scripts/serve.js [dir] [port]`.
import { startStaticServer } from './static-server.js';

const [root = 'build', port = '4173'] = process.argv.slice(2);
const server = await startStaticServer(root, Number(port));
console.log(`serving ${root} at ${server.url}`);
