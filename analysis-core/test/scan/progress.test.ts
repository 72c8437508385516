import { describe, expect, it } from 'vitest';
import { createProgress } from '../../cli/scan/progress.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { isTTY, columns: 60, write: (s: string) => void writes.push(s) } };
}

describe('progress bar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const { writes, sink: s } = sink(false);
    const p = createProgress(s, 3);
    p.tick('a.py');
    p.tick('b.py');
    p.tick('c.py');
    p.done();
    expect(writes).toEqual([]);
  });

  it('redraws one line in place on a terminal, throttled, always showing the last file, and clears it at the end', () => {
    const { writes, sink: s } = sink(true);
    let t = 0;
    const p = createProgress(s, 3, () => t);
    p.tick('a.py'); // first draw
    p.tick('b.py'); // same instant: throttled
    t = 1000;
    p.tick('some/long/directory/name/that/does/not/fit/in/the/line/c.ipynb'); // last: always drawn
    p.done();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\r\[#{8}\.{16}\] 1\/3 /);
    expect(writes[1]).toMatch(/^\r\[#{24}\] 3\/3 +3\/s …/);
    expect(writes[1]!.replace('\x1b[K', '').length).toBeLessThanOrEqual(60);
    expect(writes[2]).toBe('\r\x1b[K');
  });
});
