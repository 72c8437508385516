/**
 * `loupe` command line. Exit codes: 0 analysed (even with diagnostics), 2 usage error, 1 I/O failure.
 */
import { readFile } from 'node:fs/promises';
import { outlineLoops, LOUPE_VERSION } from '../src/index.js';
import { nodeParser } from '../node/parser.js';

const USAGE = `Usage:
  loupe analyze FILE.py [--json]
  loupe --version`;

export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    out(`${LOUPE_VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? err : out)(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'analyze') {
    err(`loupe: unknown command '${command}'\n${USAGE}\n`);
    return 2;
  }
  const files = rest.filter((a) => !a.startsWith('--'));
  const flags = rest.filter((a) => a.startsWith('--'));
  const unknownFlag = flags.find((f) => f !== '--json');
  if (unknownFlag) {
    err(`loupe: unknown option '${unknownFlag}'\n${USAGE}\n`);
    return 2;
  }
  if (files.length !== 1) {
    err(`loupe analyze: expected exactly one FILE.py\n${USAGE}\n`);
    return 2;
  }
  const file = files[0]!;
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    err(`loupe: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  const parser = await nodeParser();
  const parsed = parser.parse(source);
  const loops = outlineLoops(parsed.module, source);
  if (flags.includes('--json')) {
    out(
      `${JSON.stringify(
        {
          file,
          loops: loops.map((l) => ({ line: l.line, var: l.var, bounds: l.bounds, iterable: l.iterable, depth: l.depth })),
          diagnostics: parsed.diagnostics.map((d) => ({
            severity: d.severity,
            code: d.code,
            message: d.message,
            line: d.range.start.line,
            column: d.range.start.column,
          })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  out(`${file}: ${loops.length} loop${loops.length === 1 ? '' : 's'}\n`);
  for (const l of loops) {
    const bounds = l.bounds ? `range(${l.bounds.start}, ${l.bounds.stop}, ${l.bounds.step})` : l.iterable;
    out(`  line ${l.line}: ${'  '.repeat(l.depth)}for ${l.var} in ${bounds}\n`);
  }
  for (const d of parsed.diagnostics) out(`  ${d.severity} ${d.range.start.line}:${d.range.start.column}: ${d.message}\n`);
  return 0;
}
