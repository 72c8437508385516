"""Dynamic cross-check of the `# expect:` lines in analysis-core/examples (a dev aid, independent of Loupe).

    python3 analysis-core/test/oracle/check_examples.py analysis-core/examples/*/*.py
    python3 analysis-core/test/oracle/check_examples.py --static analysis-core/examples/teaching/*.py

It runs each example under CPython with fake arrays built from the `# loupe:` bindings (no NumPy needed),
after rewriting the code so that every array element and scalar access is recorded together with the
dynamic loop stack (which for-loop instance, which iteration). A loop is

  parallel      if no two conflicting accesses (same location, one a write) fall in different iterations
                of one of its instances;
  reduction     if every location carried by it is only touched through `x op= e` (op in + - *; + and -
                mix) or `x = min(x, e)` / `x = max(x, e)` within the loop, with one operator class;
  privatizable  if the carried locations are scalars whose first access in every iteration is a write;
  sequential    otherwise.

Only adjacent conflicts are recorded (each read against the last write, each write against the reads
since the last write and the last write): if any conflicting pair crosses iterations of a loop instance,
an adjacent one does, so carried-ness is exact. Loops expected `unknown` are not checked (their verdict
is about what a static analysis can model, not about execution). Index values outside the bound extents,
negative ones included, are reported: the expectations assume in-bounds accesses.

--static sweeps the integer bindings (names in range() bounds over 4..11, other integers over -4..10;
arrays made large) and checks
`# expect-static:` (or `# expect:` when absent): a loop's static verdict is the common verdict of the
sweep, `unknown` if it varies.
"""

import ast
import itertools
import re
import sys
import types


class Arr:
    """A bound array: elements are created on first read with a deterministic value."""

    def __init__(self, name, shape, dtype):
        self.name, self.shape, self.dtype, self.data = name, shape, dtype, {}

    def initial(self, idx):
        flat = 0
        for extent, i in zip(self.shape, idx):
            flat = flat * extent + i
        if self.dtype.startswith('int'):
            return (flat * 5 + 1) % max(1, self.shape[0])  # small indices, for indirect subscripts
        return 0.5 + ((flat * 7919) % 1000) / 1000.0  # positive, so sqrt/log/division stay defined


class View:
    """`a[i]` of a 2-D array, so that `a[i][j]` works."""

    def __init__(self, arr, prefix):
        self.arr, self.prefix = arr, prefix


class Opaque:
    """The value of a slice read: absorbs arithmetic (slices only occur in expected-unknown cases)."""

    def __getattr__(self, _):
        return self

    def __call__(self, *a, **k):
        return self

    def __add__(self, _):
        return self

    __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __add__


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
            out[k] = Arr(k, tuple(int(x) for x in arr.group(2).split(',')), arr.group(1))
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


def op_class(op):
    return {'+': '+', '-': '+', '*': '*'}.get(op, op)


class Tracer:
    def __init__(self):
        self.stack = []  # [line, instance, iteration] per enclosing for-loop
        self.instances = 0
        self.state = {}  # location -> [last write, reads since]
        self.carried = {}  # for-line -> locations with a conflict across its iterations
        self.tags = {}  # (for-line, location) -> access tags seen inside that loop
        self.first = {}  # (for-line, instance, iteration, scalar) -> mode of the first access
        self.warnings = []
        self.iterations = 0

    def loop(self, line, iterable):
        self.instances += 1
        entry = [line, self.instances, -1]
        self.stack.append(entry)
        try:
            for idx, v in enumerate(iterable):
                entry[2] = idx
                self.iterations += 1
                yield v
        finally:  # also on break: CPython closes the abandoned generator at once
            self.stack.remove(entry)

    def record(self, loc, mode, tag):
        snap = tuple((e[0], e[1], e[2]) for e in self.stack)
        acc = (snap, mode)
        st = self.state.setdefault(loc, [None, []])
        if mode == 'r':
            if st[0] is not None:
                self.pair(st[0], acc, loc)
            st[1].append(acc)
        else:
            for r in st[1]:
                self.pair(r, acc, loc)
            if st[0] is not None:
                self.pair(st[0], acc, loc)
            st[0], st[1] = acc, []
        for line, inst, idx in snap:
            self.tags.setdefault((line, loc), set()).add(tag or 'plain')
            if loc[0].startswith('$'):
                self.first.setdefault((line, inst, idx, loc), mode)

    def pair(self, a, b, loc):
        for ea, eb in zip(a[0], b[0]):
            if ea[:2] != eb[:2]:
                return
            if ea[2] != eb[2]:
                self.carried.setdefault(ea[0], set()).add(loc)
                return

    def rs(self, name, value, tag=None):
        if not isinstance(value, (Arr, View)):  # `b = a` aliases an array: not a scalar access
            self.record(('$' + name,), 'r', tag)
        return value

    def ws(self, name, value, tag=None):
        if not isinstance(value, (Arr, View)):
            self.record(('$' + name,), 'w', tag)

    def resolve(self, x, idx, line):
        idx = idx if isinstance(idx, tuple) else (idx,)
        arr, prefix = (x.arr, x.prefix) if isinstance(x, View) else (x, ())
        if not isinstance(arr, Arr):
            raise TypeError('line %d: subscript of a non-array' % line)
        full = prefix + idx
        if any(isinstance(i, slice) for i in full):
            return arr, None
        for i, extent in zip(full, arr.shape):
            if not isinstance(i, int):
                raise TypeError('line %d: non-integer index %r' % (line, i))
            if not 0 <= i < extent:
                self.warnings.append('line %d: %s%r outside %r' % (line, arr.name, full, arr.shape))
        return arr, full

    def rd(self, x, idx, line, tag=None):
        arr, full = self.resolve(x, idx, line)
        if full is None:
            return Opaque()
        if len(full) < len(arr.shape):
            return View(arr, full)
        self.record((arr.name,) + full, 'r', tag)
        return arr.data.get(full, arr.initial(full))

    def wr(self, x, idx, value, line, tag=None):
        arr, full = self.resolve(x, idx, line)
        if full is not None:
            self.record((arr.name,) + full, 'w', tag)
            arr.data[full] = value

    def aug(self, x, idx, op, rhs, line):
        arr, full = self.resolve(x, idx, line)
        if full is None:
            rhs()
            return
        tag, loc = 'red:' + op_class(op), (arr.name,) + full
        self.record(loc, 'r', tag)
        v, r = arr.data.get(full, arr.initial(full)), rhs()
        self.record(loc, 'w', tag)
        arr.data[full] = {'+': lambda: v + r, '-': lambda: v - r, '*': lambda: v * r, '/': lambda: v / r}[op]()


OPS = {ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/'}


def call(attr, *args):
    return ast.Call(ast.Attribute(ast.Name('__T', ast.Load()), attr, ast.Load()), list(args), [])


class Instrument(ast.NodeTransformer):
    """Routes for-loops, subscripts and scalar accesses through the tracer; tags reduction updates."""

    def __init__(self, scalars):
        self.scalars, self.tag_of = scalars, {}

    def index(self, node):
        node = self.visit(node)

        def fix(e):
            if isinstance(e, ast.Slice):
                return ast.Call(ast.Name('slice', ast.Load()), [e.lower or ast.Constant(None), e.upper or ast.Constant(None), e.step or ast.Constant(None)], [])
            return e

        return ast.Tuple([fix(e) for e in node.elts], ast.Load()) if isinstance(node, ast.Tuple) else fix(node)

    def visit_For(self, node):
        self.generic_visit(node)
        node.iter = call('loop', ast.Constant(node.lineno), node.iter)
        return node

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in self.scalars:
            return call('rs', ast.Constant(node.id), node, ast.Constant(self.tag_of.get(id(node))))
        return node

    def visit_Subscript(self, node):
        if isinstance(node.ctx, ast.Load):
            return call('rd', self.visit(node.value), self.index(node.slice), ast.Constant(node.lineno), ast.Constant(self.tag_of.get(id(node))))
        return node

    def visit_Assign(self, node):
        if len(node.targets) != 1:
            raise ValueError('line %d: chained assignment' % node.lineno)
        target, value, tag = node.targets[0], node.value, None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ('min', 'max'):
            for arg in value.args:
                if ast.unparse(arg) == ast.unparse(target):
                    tag = 'red:' + value.func.id
                    self.tag_of[id(arg)] = tag
        value = self.visit(value)
        if isinstance(target, ast.Name):
            node.value = value
            return [node, ast.Expr(call('ws', ast.Constant(target.id), ast.Name(target.id, ast.Load()), ast.Constant(tag)))]
        if isinstance(target, ast.Subscript):
            return ast.Expr(call('wr', self.visit(target.value), self.index(target.slice), value, ast.Constant(node.lineno), ast.Constant(tag)))
        raise ValueError('line %d: unsupported assignment target' % node.lineno)

    def visit_AugAssign(self, node):
        target, op = node.target, OPS[type(node.op)]
        if isinstance(target, ast.Name):
            tag = ast.Constant('red:' + op_class(op))
            node.value = self.visit(node.value)
            name = ast.Constant(target.id)
            return [ast.Expr(call('rs', name, ast.Name(target.id, ast.Load()), tag)), node, ast.Expr(call('ws', name, ast.Name(target.id, ast.Load()), tag))]
        rhs = ast.Lambda(ast.arguments([], [], None, [], [], None, []), self.visit(node.value))
        return ast.Expr(call('aug', self.visit(target.value), self.index(target.slice), ast.Constant(op), rhs, ast.Constant(node.lineno)))


def run(path, overrides=()):
    """Executes one example; returns (text, for-lines, {line: verdict}, tracer)."""
    text = open(path).read()
    tree = ast.parse(text)
    for_lines = sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.For))
    loop_vars = {n.target.id for n in ast.walk(tree) if isinstance(n, ast.For) and isinstance(n.target, ast.Name)}
    assigned = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    assigned |= {n.target.id for n in ast.walk(tree) if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)}
    binds = parse_bindings(text, overrides)
    tracer = Tracer()
    sys.modules['numpy'] = types.ModuleType('numpy')  # examples only import it
    env = {'__T': tracer, '__name__': 'example'}
    top_level = any(isinstance(n, (ast.For, ast.While)) for n in tree.body)
    if top_level:
        env.update(binds)
    exec(compile(ast.fix_missing_locations(Instrument(assigned - loop_vars).visit(tree)), path, 'exec'), env)
    if not top_level:
        fn = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == 'kernel')
        env['kernel'](*[binds[a.arg] for a in fn.args.args])
    verdicts = {}
    for line in for_lines:
        kinds = set()
        for loc in tracer.carried.get(line, ()):
            tags = tracer.tags.get((line, loc), set())
            if len(tags) == 1 and next(iter(tags)).startswith('red:'):
                kinds.add('reduction')
            elif loc[0].startswith('$') and {m for (l, _, _, s), m in tracer.first.items() if l == line and s == loc} == {'w'}:
                kinds.add('privatizable')
            else:
                kinds.add('sequential')
        verdicts[line] = next((k for k in ('sequential', 'reduction', 'privatizable') if k in kinds), 'parallel')
    return text, for_lines, verdicts, tracer


def check(path):
    text, for_lines, verdicts, tracer = run(path)
    expect = parse_expect(text, 'expect') or {}
    problems = []
    if sorted(expect) != for_lines:
        problems.append('expect lists lines %r, the for-lines are %r' % (sorted(expect), for_lines))
    for line in for_lines:
        if expect.get(line) not in (None, 'unknown', verdicts[line]):
            problems.append('line %d: expected %s, executed %s' % (line, expect[line], verdicts[line]))
    problems += sorted(set(tracer.warnings))[:3]
    return problems


def check_static(path):
    text = open(path).read()
    binds = parse_bindings(text)
    ints = [k for k, v in binds.items() if isinstance(v, int)]
    # Names used in range() bounds are trip counts (swept from 4, so every loop runs at least twice);
    # the others are offsets or indices and may be zero or negative.
    sizes = {n.id for c in ast.walk(ast.parse(text)) if isinstance(c, ast.Call) and getattr(c.func, 'id', '') == 'range' for a in c.args for n in ast.walk(a) if isinstance(n, ast.Name)}
    ranges = [range(4, 12) if k in sizes else range(-4, 11) for k in ints]
    large = ['%s=%s[%s]' % (k, v.dtype, ','.join('400' for _ in v.shape)) for k, v in binds.items() if isinstance(v, Arr)]
    seen = {}
    for combo in itertools.product(*ranges):
        _, lines, verdicts, _ = run(path, ['%s=%d' % kv for kv in zip(ints, combo)] + large)
        for line in lines:
            seen.setdefault(line, set()).add(verdicts[line])
    expect = parse_expect(text, 'expect-static') or parse_expect(text, 'expect') or {}
    problems = []
    for line, vs in sorted(seen.items()):
        static = vs.pop() if len(vs) == 1 else 'unknown'
        if expect.get(line) not in ('unknown', static) or (expect.get(line) == 'unknown' and static != 'unknown' and not path.split('/')[-1].startswith('verdict_unknown')):
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
