import { describe, expect, it } from 'vitest';
import { format, variable } from '../../src/affine/affine.js';
import { affineOf, type AffineEnv, type AffineResult } from '../../src/ir/affineOf.js';
import { extentSymbol } from '../../src/ir/ir.js';
import type { Expr } from '../../src/parse/syntax.js';
import { parser } from '../helpers/parser.js';

/** Names in `fixed` are affine variables; `scalars` change inside the loop; anything else is a symbol too. */
async function run(text: string, scalars: string[] = []): Promise<AffineResult> {
  const source = `x = ${text}\n`;
  const { module } = (await parser()).parse(source);
  const s = module.body[0];
  if (s?.kind !== 'assign') throw new Error('expected an assignment');
  const env: AffineEnv = {
    source,
    resolveName: (name) =>
      scalars.includes(name)
        ? { kind: 'fail', cause: 'scalar', message: `\`${name}\` changes in the loop` }
        : { kind: 'affine', expr: variable(name) },
    extent: (array, dim) => variable(extentSymbol(array, dim)),
  };
  return affineOf(s.value as Expr, env);
}

async function affineText(text: string): Promise<string> {
  const r = await run(text);
  if (!r.ok) throw new Error(`not affine: ${r.failure.message}`);
  return format(r.expr);
}

describe('affineOf', () => {
  it('folds +, -, unary -, and * by constants exactly', async () => {
    expect(await affineText('2*i + j - 1')).toBe('2*i + j - 1');
    expect(await affineText('-(i - 3) * 4')).toBe('-4*i + 12');
    expect(await affineText('3 * (i + 2*j + 2) - i*2')).toBe('i + 6*j + 6');
    expect(await affineText('i - i')).toBe('0');
    expect(await affineText('+i')).toBe('i');
  });

  it('keeps huge coefficients exact (bigint, no float rounding)', async () => {
    expect(await affineText('9007199254740993 * i + 1')).toBe('9007199254740993*i + 1');
    expect(await affineText('2**70')).toBe((2n ** 70n).toString());
  });

  it('turns len(a) and a.shape[d] into extent symbols', async () => {
    expect(await affineText('len(a) - 1 - i')).toBe('a.shape[0] - i - 1');
    expect(await affineText('a.shape[1] + b.shape[0]')).toBe('a.shape[1] + b.shape[0]');
  });

  it('folds // and % of constants with Python floor semantics', async () => {
    expect(await affineText('-7 // 2')).toBe('-4');
    expect(await affineText('-7 % 3')).toBe('2');
  });

  it('rejects products of variables, //, % and / with a variable, naming the culprit', async () => {
    const cases: [string, string][] = [
      ['i*j', 'i*j'],
      ['i // 2', 'i // 2'],
      ['(i + 1) % n', '(i + 1) % n'],
      ['i / 2', 'i / 2'],
      ['i ** 2', 'i ** 2'],
      ['1 + 2 * (i * j)', 'i * j'],
    ];
    for (const [text, culprit] of cases) {
      const r = await run(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.failure.cause).toBe('non-affine');
        expect(r.failure.text).toBe(culprit);
      }
    }
  });

  it('classifies indirect and scalar causes, first problem in reading order', async () => {
    const ind = await run('idx[i] + 1');
    expect(ind.ok || ind.failure.cause).toBe('indirect');
    const sc = await run('k + idx[i]', ['k']);
    expect(sc.ok || sc.failure.cause).toBe('scalar');
  });

  it('rejects floats, calls, attributes, negative shape dims, division by zero', async () => {
    for (const text of ['1.5', 'f(i)', 'o.x', 'a.shape[-1]', 'i // 0', '4 // 0', 'True', '[i]']) {
      const r = await run(text);
      expect(r.ok, text).toBe(false);
    }
  });
});
