/**
 * A one-line progress bar on stderr, redrawn in place. Only on a terminal: piped or redirected stderr
 * (CI logs, `2> file`) gets nothing, since carriage-return redraws turn into thousands of log lines.
 */

export interface ProgressSink {
  readonly isTTY: boolean;
  /** Terminal width; 80 when unknown. */
  readonly columns?: number;
  write(s: string): void;
}

export interface Progress {
  tick(path: string): void;
  done(): void;
}

const NONE: Progress = { tick: () => {}, done: () => {} };
/** Redraw at most this often: drawing per file would cost more than scanning small files. */
const REDRAW_MS = 80;

export function createProgress(sink: ProgressSink, total: number, now: () => number = () => performance.now()): Progress {
  if (!sink.isTTY || total === 0) return NONE;
  const width = Math.max(40, sink.columns ?? 80);
  const started = now();
  let count = 0;
  let last = -Infinity;
  const draw = (path: string): void => {
    const secs = (now() - started) / 1000;
    const rate = secs > 0 ? `${(count / secs).toFixed(0)}/s` : '';
    const head = `${String(count).padStart(String(total).length)}/${total} ${rate.padStart(6)} `;
    const barWidth = 24;
    const filled = Math.round((barWidth * count) / total);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] `;
    const room = width - 1 - bar.length - head.length;
    const name = path.length > room ? `…${path.slice(path.length - room + 1)}` : path;
    sink.write(`\r${bar}${head}${room > 1 ? name : ''}\x1b[K`);
  };
  return {
    tick(path) {
      count++;
      const t = now();
      if (t - last < REDRAW_MS && count < total) return;
      last = t;
      draw(path);
    },
    done() {
      sink.write('\r\x1b[K');
    },
  };
}
