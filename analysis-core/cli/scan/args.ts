/** `loupe scan` options. Parsing is separate from running so usage errors are tested without scanning. */

export const SCAN_USAGE = `Usage:
  loupe scan PATH... [--json | --csv] [--jobs N] [--html FILE] [--timeout-ms MS]

  PATH            .py and .ipynb files, or directories (searched recursively; hidden
                  directories, node_modules, __pycache__ and virtualenvs are skipped)
  --json          print the summary and every file's loops as one JSON object
  --csv           print one CSV row per loop
  --jobs N        worker threads (default: the number of CPUs)
  --html FILE     also write a self-contained HTML report with charts
  --timeout-ms MS give up on a file after MS milliseconds (default 20000; counted as a crash)

Exit status: 0 scanned, 1 some file crashed the analysis (or nothing could be read), 2 usage error.`;

export interface ScanArgs {
  readonly paths: readonly string[];
  readonly format: 'table' | 'json' | 'csv';
  readonly jobs: number | null;
  readonly html: string | null;
  readonly timeoutMs: number | null;
  readonly help: boolean;
}

export function parseScanArgs(argv: readonly string[]): ScanArgs | string {
  const paths: string[] = [];
  let format: ScanArgs['format'] = 'table';
  let jobs: number | null = null;
  let html: string | null = null;
  let timeoutMs: number | null = null;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | null => inline ?? argv[++i] ?? null;
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--json':
      case '--csv': {
        const f = flag === '--json' ? 'json' : 'csv';
        if (format !== 'table' && format !== f) return '--json and --csv cannot be combined';
        format = f;
        break;
      }
      case '--jobs':
      case '-j': {
        const n = positiveInt(value());
        if (n === null) return '--jobs needs a positive integer';
        jobs = n;
        break;
      }
      case '--timeout-ms': {
        const n = positiveInt(value());
        if (n === null) return '--timeout-ms needs a positive integer';
        timeoutMs = n;
        break;
      }
      case '--html': {
        const v = value();
        if (v === null || v === '') return '--html needs a file name';
        html = v;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
        paths.push(a);
    }
  }
  if (!help && paths.length === 0) return 'expected at least one PATH';
  return { paths, format, jobs, html, timeoutMs, help };
}

function positiveInt(s: string | null): number | null {
  if (s === null || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 ? n : null;
}
