/** Node host for the parser: resolves the two wasm files from node_modules. Shared by the CLI and the server. */
import { createRequire } from 'node:module';
import { createPythonParser, type PythonParser } from '../src/parse/index.js';

const require = createRequire(import.meta.url);
// By package name, not by relative path, so the scan's bundled workers (cli/scan/workerBundle.ts) find it too.
const paths = require('@loupe/analysis-core/wasm/runtime') as { runtimeWasm: string; languageWasm: string };

let cached: Promise<PythonParser> | null = null;

export function nodeParser(): Promise<PythonParser> {
  cached ??= createPythonParser({ runtimeWasm: paths.runtimeWasm, languageWasm: paths.languageWasm });
  return cached;
}
