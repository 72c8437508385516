/**
 * `loupe` command line. Exit codes: 0 analysed (even with diagnostics), 2 usage error, 1 I/O failure.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { analyzeSource, parseBindingArgs, LOUPE_VERSION } from '../src/index.js';
import { nodeParser } from '../node/parser.js';
import { formatReport } from './format.js';

const USAGE = `Usage:
  loupe analyze FILE.py [--bind NAME=INT]... [--bind NAME=DTYPE[D1,D2,...]]... [--json]
  loupe --version

  --bind n=100             bind a symbol (loop bound, offset) to an integer
  --bind A=float64[64,64]  bind an array's element type and extents (A.shape[0], len(A), …)
  --json                   print one JSON object (loops, dependences, diagnostics, …)`;

type Out = (s: string) => void;

interface AnalyzeArgs {
  file: string;
  binds: string[];
  json: boolean;
}

function parseArgs(rest: readonly string[]): AnalyzeArgs | string {
  const binds: string[] = [];
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') json = true;
    else if (a === '--bind' || a === '-b') {
      const v = rest[++i];
      if (v === undefined) return '--bind needs NAME=VALUE';
      binds.push(v);
    } else if (a.startsWith('--bind=')) binds.push(a.slice('--bind='.length));
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else files.push(a);
  }
  if (files.length !== 1) return 'expected exactly one FILE.py';
  return { file: files[0]!, binds, json };
}

export async function main(
  argv: readonly string[],
  out: Out = (s) => process.stdout.write(s),
  err: Out = (s) => process.stderr.write(s),
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    out(`${LOUPE_VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    out(`${USAGE}\n`);
    return 0;
  }
  if (command === 'scan') {
    const { scanCommand } = await import('./scan/command.js');
    return scanCommand(rest, out, err);
  }
  if (command !== 'analyze') {
    err(`loupe: ${command === undefined ? 'missing command' : `unknown command '${command}'`}\n${USAGE}\n`);
    return 2;
  }
  const args = parseArgs(rest);
  if (typeof args === 'string') {
    err(`loupe analyze: ${args}\n${USAGE}\n`);
    return 2;
  }
  const { bindings, errors } = parseBindingArgs(args.binds);
  if (errors.length > 0) {
    err(`loupe analyze: bad --bind: ${errors.join('; ')}\n`);
    return 2;
  }
  let source: string;
  try {
    // npm/npx run bins from the package root; INIT_CWD is where the user typed the command.
    source = await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), args.file), 'utf8');
  } catch (e) {
    err(`loupe: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 1;
  }
  const report = analyzeSource(await nodeParser(), source, bindings);
  out(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(args.file, report));
  return 0;
}
