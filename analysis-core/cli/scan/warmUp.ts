/**
 * A fresh engine's first analyses run in V8's interpreter and can take tens of milliseconds: without a
 * warm-up, whichever file happens to come first would look slow. A few runs over a loop-rich snippet let
 * the JIT compile the hot paths before any timing counts. Bounded in time as well as rounds, since every
 * worker pays it at start-up: the first three rounds take 25–80 ms each, later ones under 15 ms, so
 * rounds past five gain little and delay the first file.
 */
import type { Engine } from './engine.js';

const SNIPPET = `import numpy as np
def f(a, b, c, n, m):
    s = 0.0
    for i in range(1, n):
        a[i] = a[i - 1] + b[i]
        s += b[i] * 2
    for i in range(n):
        t = b[i] + 1
        for j in range(m):
            c[i, j] = c[i, j - 1] + t if j > 0 else t
            b[2 * i + 1] = b[2 * i] + c[j][i]
    for x in a:
        print(x)
    return s
`;

export function warmUp(engine: Engine, rounds = 5, budgetMs = 150): void {
  const t0 = performance.now();
  for (let k = 0; k < rounds && performance.now() - t0 < budgetMs; k++) {
    try {
      const parsed = engine.parse(SNIPPET);
      engine.outline(parsed, SNIPPET);
      engine.analyze(parsed, SNIPPET);
    } catch {
      return; // the scan itself reports analysis crashes, per file
    }
  }
}
