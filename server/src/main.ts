import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { defaultCapabilityService } from './capabilities/index.js';
import { repoRoot } from './paths.js';

const port = Number.parseInt(process.env.PORT ?? '8080', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid PORT: ${process.env.PORT}`);
  process.exit(2);
}
// Loopback unless HOST says otherwise (e.g. HOST=0.0.0.0 in a container).
const host = process.env.HOST?.trim() || '127.0.0.1';

const root = repoRoot();
const capabilities = defaultCapabilityService(root);
const app = createApp({ root, capabilities });

const server = app.listen(port, host, () => {
  const actual = (server.address() as AddressInfo).port;
  console.log(`Loupe listening on http://localhost:${actual}${host === '127.0.0.1' ? '' : ` (bound to ${host})`}`);
  // Start capability detection now so the first /api/health is fast.
  capabilities.warm();
});
server.on('error', (err) => {
  console.error(`Loupe could not listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

let stopping = false;
function shutdown(signal: NodeJS.Signals) {
  if (stopping) {
    process.exit(1);
  }
  stopping = true;
  console.log(`${signal} received: closing server`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Give in-flight requests a moment, then drop what is left.
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 5000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
