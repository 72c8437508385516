"""Dynamic cross-check of the `# expect:` lines in analysis-core/examples (a dev aid, independent of Loupe).

    python3 analysis-core/test/oracle/check_examples.py analysis-core/examples/*/*.py
    python3 analysis-core/test/oracle/check_examples.py --static analysis-core/examples/teaching/*.py

It runs each example under CPython with the executing oracle of pyexec/tracer.py: fake NumPy arrays built
from the `# loupe:` bindings (no NumPy needed), real Python lists, and a rewrite of the code that records
every element and name access with the dynamic loop stack (which for-loop instance, which iteration).
Locations are objects, not names (a list of one row repeated is one row; a view shares its base's
elements). A loop is

  parallel      if no two conflicting accesses (same location, one a write) fall in different iterations
                of one of its instances;
  reduction     if every location carried by it is only touched through `x op= e`, `x = x op e`,
                `x = min(x, e)` / `max` (one operator class; + and - mix), and at run time the values were
                numbers and min/max the builtins (`t += [x]` and a user-defined `max` are not reductions);
  privatizable  if the carried locations are names whose first access in every iteration is a write and,
                when read after the loop, were written by its last iteration;
  sequential    otherwise.

Only adjacent conflicts are recorded (each read against the last write, each write against the reads
since the last write and the last write): if any conflicting pair crosses iterations of a loop instance,
an adjacent one does, so carried-ness is exact. Loops expected `unknown` are not checked (their verdict
is about what a static analysis can model, not about execution); `# expect-executed:` overrides `# expect:`
for this check where the executed verdict is known although the static one is `unknown`. A file CPython
rejects passes when every loop is expected `unknown`. Negative index values are reported (the
expectations assume in-bounds accesses); indices past the extents raise.

--static sweeps the integer bindings (names in range() bounds over 4..11, other integers over -4..10;
arrays made large) and checks
`# expect-static:` (or `# expect:` when absent): a loop's static verdict is the common verdict of the
sweep, `unknown` if it varies (`verdict_unknown_*` and `python_trap_*` files may expect `unknown` anyway).
"""

import ast
import itertools
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the sources
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pyexec'))
import tracer  # noqa: E402  (the executing oracle of the Python-semantics property test)


def parse_bindings(text, overrides=()):
    items = {}
    m = re.search(r'^# loupe:(.*)$', text, re.M)
    for item in (re.split(r',(?![^\[]*\])', m.group(1)) if m else []) + list(overrides):
        if item.strip():
            k, v = item.split('=', 1)
            items[k.strip()] = v.strip()
    out = {}
    for k, v in items.items():
        arr = re.match(r'^(\w+)\[(.*)\]$', v)
        if arr:
            out[k] = bound_array(tuple(int(x) for x in arr.group(2).split(',')), arr.group(1))
        elif re.match(r'^-?\d+$', v):
            out[k] = int(v)
        else:
            out[k] = float(v)
    return out


def parse_expect(text, tag):
    m = re.search(r'^# ' + tag + r':(.*)$', text, re.M)
    if not m:
        return None
    return {int(k): v.strip() for k, v in (item.split('=') for item in m.group(1).split(',') if item.strip())}


def bound_array(shape, dtype):
    """A `# loupe:` array: deterministic values, small indices for int arrays (indirect subscripts), else
    positive floats (sqrt/log/division stay defined)."""
    kind = 'i' if dtype.startswith('int') else 'f'
    if kind == 'i':
        fill = lambda flat: (flat * 5 + 1) % max(1, shape[0])
    else:
        fill = lambda flat: 0.5 + ((flat * 7919) % 1000) / 1000.0
    return tracer.ndarray(tracer.Buffer(fill), 0, shape, tracer.c_strides(shape), kind)


def run(path, overrides=()):
    """Executes one example; returns (text, for-lines, {line: verdict} or None when it does not compile, problems)."""
    text = open(path).read()
    try:
        tree = ast.parse(text)
    except SyntaxError as e:
        return text, [n + 1 for n, l in enumerate(text.splitlines()) if re.match(r'\s*for\b', l)], None, ['does not compile: line %s: %s' % (e.lineno, e.msg)]
    for_lines = sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.For))
    binds = parse_bindings(text, overrides)
    top_level = any(isinstance(n, (ast.For, ast.While)) for n in tree.body)

    def call_kernel(ns):
        fn = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == 'kernel')
        ns['kernel'](*[binds[a.arg] for a in fn.args.args])

    res = tracer.run_source(text, env=binds if top_level else None, after=None if top_level else call_kernel, limit=10**8, seconds=600, strict=True)
    if 'loops' not in res:
        return text, for_lines, None, ['%s' % (res.get('error') or res)]
    return text, for_lines, {l['line']: l['verdict'] for l in res['loops']}, res['warnings'][:3]


def check(path):
    text, for_lines, verdicts, problems = run(path)
    expect = parse_expect(text, 'expect') or {}
    expect.update(parse_expect(text, 'expect-executed') or {})
    if sorted(expect) != for_lines:
        problems.insert(0, 'expect lists lines %r, the for-lines are %r' % (sorted(expect), for_lines))
    if verdicts is None:  # CPython rejects the file (or it raised): only `unknown` everywhere is consistent
        decided = sorted(l for l, v in expect.items() if v != 'unknown')
        return problems if decided or not problems[-1].startswith('does not compile') else []
    for line in for_lines:
        if expect.get(line) not in (None, 'unknown', verdicts[line]):
            problems.append('line %d: expected %s, executed %s' % (line, expect[line], verdicts[line]))
    return problems


def check_static(path):
    text = open(path).read()
    try:
        ast.parse(text)
    except SyntaxError:
        return check(path)  # nothing runs: the same all-`unknown` rule
    binds = parse_bindings(text)
    ints = [k for k, v in binds.items() if isinstance(v, int)]
    # Names used in range() bounds are trip counts (swept from 4, so every loop runs at least twice);
    # the others are offsets or indices and may be zero or negative.
    sizes = {n.id for c in ast.walk(ast.parse(text)) if isinstance(c, ast.Call) and getattr(c.func, 'id', '') == 'range' for a in c.args for n in ast.walk(a) if isinstance(n, ast.Name)}
    ranges = [range(4, 12) if k in sizes else range(-4, 11) for k in ints]
    large = ['%s=%s[%s]' % (k, v.dtype, ','.join('400' for _ in v.shape)) for k, v in binds.items() if isinstance(v, tracer.ndarray)]
    seen, failures = {}, []
    for combo in itertools.product(*ranges):
        _, lines, verdicts, problems = run(path, ['%s=%d' % kv for kv in zip(ints, combo)] + large)
        if verdicts is None:  # e.g. a module-level array too small for a swept size: that value is not a case
            failures.append('%s: %s' % (dict(zip(ints, combo)), problems[0]))
            continue
        for line in lines:
            seen.setdefault(line, set()).add(verdicts[line])
    expect = parse_expect(text, 'expect-static') or parse_expect(text, 'expect') or {}
    problems = [] if seen else failures[:1] + ['no swept binding ran']
    for line, vs in sorted(seen.items()):
        static = vs.pop() if len(vs) == 1 else 'unknown'
        if expect.get(line) not in ('unknown', static) or (expect.get(line) == 'unknown' and static != 'unknown' and not re.match(r'(verdict_unknown|python_trap)_', os.path.basename(path))):
            problems.append('line %d: static expectation %s, sweep gives %s' % (line, expect.get(line), static if static != 'unknown' else 'varying'))
    return problems


def main(argv):
    static = '--static' in argv
    failed = 0
    for path in (a for a in argv if not a.startswith('--')):
        try:
            problems = check_static(path) if static else check(path)
        except Exception as e:  # report and go on: one broken example should not hide the others
            problems = ['%s: %s' % (type(e).__name__, e)]
        print(('FAIL ' if problems else 'ok   ') + path)
        for p in problems:
            print('     ' + p)
        failed += bool(problems)
    print('%d failed' % failed)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
