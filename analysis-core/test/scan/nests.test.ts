import { describe, expect, it } from 'vitest';
import { nestsOf, parentsOf } from '../../cli/scan/nests.js';
import { outlineLoops } from '../../src/ir/outline.js';
import { parser } from '../helpers/parser.js';

const src = `for i in range(n):
    for j in range(m):
        for x in xs:
            for k in range(3):
                pass
def f():
    for a in items:
        for b in range(2):
            pass
for t in range(5):
    pass
else:
    for u in range(2):
        pass
`;

describe('nests', () => {
  it('derives parents and nest depths (all loops and range-only chains) from the outline', async () => {
    const outline = outlineLoops((await parser()).parse(src).module, src);
    expect(outline.map((l) => l.var)).toEqual(['i', 'j', 'x', 'k', 'a', 'b', 't', 'u']);
    expect(parentsOf(outline)).toEqual([null, 0, 1, 2, null, 4, null, null]);
    expect(nestsOf(outline)).toEqual([
      { depth: 4, rangeDepth: 2 },
      { depth: 2, rangeDepth: 0 },
      { depth: 1, rangeDepth: 1 },
      { depth: 1, rangeDepth: 1 },
    ]);
  });
});
