// Worker threads do not inherit the tsx loader the CLI registered in the main thread (and vitest's
// transform does not reach them either), so each worker registers tsx itself before loading its TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
