"""Ground truth under CPython's own semantics: runs small programs and says, per `for` loop, the strongest
verdict that is safe for what the program actually did (independent of Loupe; plain CPython, no NumPy).

    echo '[{"id": 1, "source": "..."}]' | python3 tracer.py [--limit N]   ->   [{"id": 1, "loops": [...]}]

Each result is {"id", "syntaxError": "line N: msg"} when CPython rejects the text, {"id", "error"} when it
raises, {"id", "truncated": true} past N (default 200k) loop iterations or 10 s, else {"id", "loops":
[{"line", "verdict", "instances", "dependences", "carried"}], "iterations", "warnings"}: one entry per
`for` line (1-based); a loop that never ran is vacuously "parallel" with 0 instances.

The program is rewritten (ast) so that every memory access is recorded with the dynamic loop stack (which
instance of which loop, which iteration). Memory is what Python means by it, OBJECT IDENTITY, never names:
a list element is ('e', id(list), index), an element of the fake NumPy array below is ('e', id(buffer),
flat offset) whatever view reaches it, a list's length is ('#', id(list)), and a name is ('$', frame, name)
with frame 0 the module and a fresh number per function activation. A location is carried by a loop
instance when two conflicting accesses (one a write) fall in different iterations of it. Per instance,
each carried location is
  reduction-ok   every access to it in the instance belongs to update statements of one class (`x op= e`,
                 `x = x op e`, `x = e op x` for commutative op, `x = min(x, e)` / `max`; + and - mix, * and
                 / mix) and, checked in every execution, the old value, the operands and the result were
                 numbers (int, float, bool) and min/max was the builtin itself;
  privatizable   a name whose first access in every iteration is a write and which, when the instance
                 leaves it live (the next access anywhere is a read), its last iteration wrote;
  alias          privatizable, and every write stored a list/array/dict: a per-iteration alias such as
                 `row = g[i]`, which carries no value between iterations (counted as not carried);
  bad            anything else.
A loop is sequential if a location is bad in any instance, else reduction / privatizable / parallel by
its weakest location (a mix of reduction and privatizable is reduction).

Not traced (invisible accesses, so such programs are poor test inputs): builtins that iterate lists
(sum(lst), sorted, `in`), attributes, class bodies; names never assigned by a statement (parameters, loop
variables, imports, defs) have no recorded write, so their reads are skipped: they could not conflict.
"""

import ast
import builtins
import io
import json
import math
import operator
import sys
import time
import types

CURRENT = None  # the tracer of the running program (fake arrays record their own bulk reads through it)
NUMBERS = (int, float, bool)
LIST_MUTATORS = {'append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse'}


def is_number(v):
    return type(v) in NUMBERS  # exact types: a subclass may overload + with side effects


class Truncated(BaseException):
    """Past the limits (a BaseException, so the program's own `except Exception` does not swallow it)."""


# ---------------------------------------------------------------------------------------------------------
# A fake numpy: enough of ndarray for loop kernels, with views that share one buffer as NumPy's do.


class Buffer:
    """Flat storage filled lazily (the examples' --static sweep makes 400^3 arrays and touches a few)."""

    __slots__ = ('vals', 'fill')

    def __init__(self, fill, vals=None):
        self.vals, self.fill = vals or {}, fill

    def get(self, k):
        v = self.vals.get(k, Buffer)
        return self.fill(k) if v is Buffer else v


def c_strides(shape):
    out = [1]
    for extent in reversed(shape[1:]):
        out.insert(0, out[0] * extent)
    return tuple(out[: len(shape)])


def norm_dtype(dtype, default='f'):
    name = default if dtype is None else getattr(dtype, '__name__', dtype)
    for kind, names in (('f', 'f float float64 float32 f8 f4 double'), ('i', 'i int int64 int32 i8 i4 intp'), ('b', 'b bool bool_')):
        if name in names.split():
            return kind
    raise TypeError('fake numpy: unsupported dtype %r' % (dtype,))


def cast(kind, v):
    if not is_number(v):
        raise TypeError('fake numpy: cannot store %s in an array element' % type(v).__name__)
    return float(v) if kind == 'f' else int(v) if kind == 'i' else bool(v)


class ndarray:
    def __init__(self, buf, offset, shape, strides, kind):
        self.buf, self.offset, self.shape, self.strides, self.kind = buf, offset, tuple(shape), tuple(strides), kind

    ndim = property(lambda self: len(self.shape))
    size = property(lambda self: math.prod(self.shape))
    dtype = property(lambda self: {'f': 'float64', 'i': 'int64', 'b': 'bool'}[self.kind])
    T = property(lambda self: ndarray(self.buf, self.offset, self.shape[::-1], self.strides[::-1], self.kind))

    def locate(self, idx):
        """(flat offset, None) for an element, (None, view) otherwise; wraps negatives, rejects overruns."""
        idx = idx if isinstance(idx, tuple) else (idx,)
        if len(idx) > len(self.shape):
            raise IndexError('too many indices for array')
        off, shape, strides = self.offset, [], []
        for k, i in enumerate(idx):
            extent, stride = self.shape[k], self.strides[k]
            if type(i) is slice:
                start, stop, step = i.indices(extent)
                shape.append(len(range(start, stop, step)))
                strides.append(stride * step)
                off += start * stride
            elif isinstance(i, int) and type(i) is not bool:
                if not -extent <= i < extent:
                    raise IndexError('index %d is out of bounds for axis %d with size %d' % (i, k, extent))
                off += (i % extent) * stride
            else:
                raise IndexError('only integers and slices are valid indices, not %s' % type(i).__name__)
        shape, strides = shape + list(self.shape[len(idx):]), strides + list(self.strides[len(idx):])
        return (off, None) if not shape else (None, ndarray(self.buf, off, shape, strides, self.kind))

    def flats(self):
        out = [self.offset]
        for extent, stride in zip(self.shape, self.strides):
            out = [o + i * stride for o in out for i in range(extent)]
        return out

    def __len__(self):
        if not self.shape:
            raise TypeError('len() of unsized object')
        return self.shape[0]

    # Reached from untraced code only (builtins iterating an array); traced code goes through Tracer.rd/wr.
    def __getitem__(self, idx):
        return CURRENT.rd(self, idx, 0, '<builtin>')

    def __setitem__(self, idx, value):
        CURRENT.wr(self, idx, value, 0, '<builtin>')

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def values(self):
        return [CURRENT.read_flat(self, f) if CURRENT else self.buf.get(f) for f in self.flats()]

    def copy(self):
        return from_flat(self.values(), self.shape, self.kind)

    def elementwise(self, other, f):
        vals = [f(x, y) for x, y in zip(self.values(), broadcast(other, self.size))]
        return from_flat(vals, self.shape, 'f' if any(type(v) is float for v in vals) else self.kind)

    def reshape(self, *shape):
        shape = list(shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape)
        if -1 in shape:
            shape[shape.index(-1)] = self.size // max(1, -math.prod(shape))
        if math.prod(shape) != self.size:
            raise ValueError('cannot reshape array of size %d into shape %r' % (self.size, tuple(shape)))
        if self.strides != c_strides(self.shape):  # not contiguous: NumPy copies, else it returns a view
            return self.copy().reshape(shape)
        return ndarray(self.buf, self.offset, shape, c_strides(shape), self.kind)

    def tolist(self):
        return [self[i] if self.ndim == 1 else self[i].tolist() for i in range(len(self))]

    def __repr__(self):
        return 'ndarray(shape=%r)' % (self.shape,)


for _name in ('add', 'sub', 'mul', 'truediv', 'pow'):
    _f = getattr(operator, _name)
    setattr(ndarray, '__%s__' % _name, lambda self, o, f=_f: self.elementwise(o, f))
    setattr(ndarray, '__r%s__' % _name, lambda self, o, f=_f: self.elementwise(o, lambda x, y: f(y, x)))
ndarray.__neg__ = lambda self: self.elementwise(0, lambda x, _: -x)


def broadcast(value, n):
    """The n values an array operand or a slice assignment reads from `value` (array, sequence, scalar)."""
    value = value.values() if isinstance(value, ndarray) else value
    if isinstance(value, (list, tuple)) and len(value) != n:
        raise ValueError('fake numpy: cannot broadcast %d values into %d' % (len(value), n))
    return value if isinstance(value, (list, tuple)) else [value] * n


def from_flat(vals, shape, kind):
    return ndarray(Buffer(None, {k: cast(kind, v) for k, v in enumerate(vals)}), 0, shape, c_strides(shape), kind)


def filled(shape, value, kind):
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    if not all(isinstance(e, int) and e >= 0 for e in shape):
        raise TypeError('fake numpy: shape must be non-negative integers, got %r' % (shape,))
    v = cast(kind, value)
    return ndarray(Buffer(lambda k: v), 0, shape, c_strides(shape), kind)


def nested(obj):
    """Shape and C-order values of np.array's argument (nested lists, tuples, arrays)."""
    if isinstance(obj, ndarray):
        return obj.shape, obj.values()
    if not isinstance(obj, (list, tuple)):
        return (), [obj]
    parts = [nested(x) for x in obj]
    if any(p[0] != parts[0][0] for p in parts):
        raise ValueError('fake numpy: ragged nested sequence')
    return (len(obj),) + (parts[0][0] if parts else ()), [v for p in parts for v in p[1]]


def make_numpy():
    np = types.ModuleType('numpy')
    np.ndarray, np.float64, np.float32, np.int64, np.int32, np.bool_ = ndarray, float, float, int, int, bool
    np.pi, np.e, np.inf, np.nan = math.pi, math.e, math.inf, math.nan
    np.zeros = np.empty = lambda shape, dtype=None: filled(shape, 0, norm_dtype(dtype))  # empty: deterministic
    np.ones = lambda shape, dtype=None: filled(shape, 1, norm_dtype(dtype))
    np.full = lambda shape, v, dtype=None: filled(shape, v, norm_dtype(dtype, 'i' if type(v) is int else 'f'))
    np.zeros_like = np.empty_like = lambda a, dtype=None: filled(a.shape, 0, norm_dtype(dtype, a.kind))
    np.ones_like = lambda a, dtype=None: filled(a.shape, 1, norm_dtype(dtype, a.kind))

    def array(obj, dtype=None):
        shape, vals = nested(obj)
        return from_flat(vals, shape, norm_dtype(dtype, 'f' if any(type(v) is float for v in vals) else 'i'))

    def arange(start, stop=None, step=1, dtype=None):
        vals = list(range(0, start) if stop is None else range(start, stop, step))
        return from_flat(vals, (len(vals),), norm_dtype(dtype, 'i'))

    np.array, np.arange, np.copy = array, arange, lambda a: a.copy()
    np.asarray = lambda obj, dtype=None: obj if isinstance(obj, ndarray) and dtype is None else array(obj, dtype)
    for name in ('sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'floor', 'ceil'):
        setattr(np, name, getattr(math, name))
    np.abs, np.maximum, np.minimum = builtins.abs, builtins.max, builtins.min
    return np


# ---------------------------------------------------------------------------------------------------------
# The tracer: what the rewritten program calls.


class Tracer:
    def __init__(self, namespace, limit=200_000, seconds=10.0, strict=False):
        self.ns, self.limit, self.deadline, self.strict = namespace, limit, time.monotonic() + seconds, strict
        self.stack = []  # (line, instance, iteration) per enclosing for-loop, outermost first
        self.instances = self.iterations = self.frames = 0
        self.loops = {}  # line -> its instances
        self.state = {}  # loc -> [last write's stack, stacks of the reads since]
        self.carried = {}  # (line, instance) -> carried locs
        self.tags = {}  # (line, instance) -> {loc: tags of its accesses in the instance}
        self.names = {}  # (line, instance) -> {name loc: [iteration last seen, read first, last write, containers only]}
        self.pending = {}  # loc -> instances whose last iteration did not write it (live-out if next access reads)
        self.liveout = set()
        self.keep, self.labels, self.warnings = {}, {}, []
        self.upd, self.done, self.last = [], None, None  # open update statements; the finished one; last access

    # -- memory accesses ------------------------------------------------------------------------------
    def record(self, loc, mode, tag, container=False):
        snap = tuple(self.stack)
        st = self.state.get(loc)
        if st is None:
            st = self.state[loc] = [None, []]
        # Adjacent conflicts only (each read against the last write; each write against the reads since and
        # the last write): if any conflicting pair crosses iterations of an instance, an adjacent one does.
        if mode == 'r':
            if st[0] is not None:
                self.pair(st[0], snap, loc)
            if not st[1] or st[1][-1] != snap:
                st[1].append(snap)
        else:
            for r in st[1]:
                self.pair(r, snap, loc)
            if st[0] is not None:
                self.pair(st[0], snap, loc)
            st[0], st[1] = snap, []
        if self.pending.get(loc):
            if mode == 'r':
                self.liveout.update((key, loc) for key in self.pending[loc])
            del self.pending[loc]
        for line, inst, it in snap:
            if tag is not None:
                self.tags.setdefault((line, inst), {}).setdefault(loc, set()).add(tag)
            if loc[0] == '$':
                s = self.names.setdefault((line, inst), {}).setdefault(loc, [-1, False, -1, True])
                if s[0] != it:
                    s[0], s[1] = it, s[1] or mode == 'r'
                if mode == 'w':
                    s[2], s[3] = it, s[3] and container
        self.last = (loc, snap)

    def pair(self, a, b, loc):
        for ea, eb in zip(a, b):
            if ea[1] != eb[1]:
                return
            if ea[2] != eb[2]:
                self.carried.setdefault(ea[:2], set()).add(loc)
                return

    def tag(self, access, t):
        for line, inst, _ in access[1]:
            self.tags.setdefault((line, inst), {}).setdefault(access[0], set()).add(t)

    def elem(self, obj, k, label, kind='e'):
        oid = id(obj)
        if oid not in self.keep:
            self.keep[oid] = (obj, len(self.keep) + 1)  # kept alive, so no new object ever reuses its id
        loc = (kind, oid) if kind == '#' else (kind, oid, k)
        if loc not in self.labels:
            what = 'array' if type(obj) is Buffer else type(obj).__name__
            self.labels[loc] = ('len(%s#%d)' if kind == '#' else '%s = %s#%d[%r]') % ((what, self.keep[oid][1]) if kind == '#' else (label, what, self.keep[oid][1], k))
        return loc

    def read_flat(self, arr, flat, label='<copy>', tag='plain'):
        self.record(self.elem(arr.buf, flat, label), 'r', tag)
        return arr.buf.get(flat)

    def mutated(self, lst, n0, start):
        """A list changed size or order: its length and every element from `start` on were rewritten."""
        self.record(self.elem(lst, 0, '', '#'), 'r', 'plain')
        self.record(self.elem(lst, 0, '', '#'), 'w', 'plain')
        for k in range(max(0, start), max(len(lst), n0)):
            self.record(self.elem(lst, k, 'list'), 'w', 'plain')

    def locate(self, arr, idx, line, label):
        if self.strict and any(isinstance(i, int) and i < 0 for i in (idx if isinstance(idx, tuple) else (idx,))):
            self.warnings.append('line %d: negative index in %s' % (line, label))
        try:
            return arr.locate(idx)
        except IndexError as e:
            raise IndexError('line %d: %s: %s' % (line, label, e)) from None

    def rd(self, obj, idx, line, label, tag='plain'):
        t = type(obj)
        if t is ndarray:
            flat, view = self.locate(obj, idx, line, label)
            return view if view is not None else self.read_flat(obj, flat, label, tag)
        if t is list or t is dict:
            v = obj[idx]
            if type(idx) is slice:
                for k in range(*idx.indices(len(obj))):
                    self.record(self.elem(obj, k, label), 'r', 'plain')
            else:
                self.record(self.elem(obj, idx + len(obj) if t is list and idx < 0 else idx, label), 'r', tag)
            return v
        return obj[idx]  # tuples and strings (never written), user objects (untraced)

    def wr(self, obj, idx, value, line, label, upd=None):
        t, loc = type(obj), None
        if t is ndarray:
            flat, view = self.locate(obj, idx, line, label)
            if view is not None:
                for f, v in zip(view.flats(), broadcast(value, view.size)):
                    self.record(self.elem(obj.buf, f, label), 'w', 'plain')
                    obj.buf.vals[f] = cast(obj.kind, v)
                return self.finish(upd, None)
            loc, obj, idx, value = self.elem(obj.buf, flat, label), obj.buf.vals, flat, cast(obj.kind, value)
        elif t is list and type(idx) is slice:
            n0, start = len(obj), idx.indices(len(obj))[0]
            obj[idx] = value
            return self.finish(upd, self.mutated(obj, n0, start))
        elif t is list or t is dict:
            if t is list:
                obj[idx]  # CPython's IndexError before anything is recorded
            loc = self.elem(obj, idx + len(obj) if t is list and idx < 0 else idx, label)
        obj[idx] = value
        tag = self.finish(upd, loc)
        if loc is not None:
            self.record(loc, 'w', tag)

    def rs(self, frame, name, value, tag='plain'):
        if frame or name in self.ns:  # a module name not (yet) in the namespace is a builtin: not a location
            self.record(('$', frame, name), 'r', tag)
        return value

    def ws(self, frame, name, value, upd=None):
        self.record(('$', frame, name), 'w', self.finish(upd, ('$', frame, name)), type(value) in (list, dict, set, ndarray))

    def ln(self, obj):
        if type(obj) is list:
            self.record(self.elem(obj, 0, '', '#'), 'r', 'plain')
        return len(obj)

    def mc(self, obj, name, *args, **kw):
        if type(obj) is not list or name not in LIST_MUTATORS:
            return getattr(obj, name)(*args, **kw)
        n0 = len(obj)
        start = n0 if name in ('append', 'extend') else n0 - 1 if name == 'pop' and not args else 0
        if name in ('insert', 'pop') and args:
            start = args[0] + n0 if args[0] < 0 else args[0]
        res = getattr(obj, name)(*args, **kw)
        self.mutated(obj, n0, start)
        return res

    def iop(self, name, a, b):
        n0 = len(a) if type(a) is list else None
        res = getattr(operator, name)(a, b)
        if n0 is not None:  # list += / *= change the list in place
            self.mutated(a, n0, n0 if name == 'iadd' else 0)
        return res

    # -- update statements. `x = ue(ub(cls), ... uo(mark(), <x>) ... ua(<e>) ...)` then the write with ud():
    # ub opens one, mark+uo catch the old value's access, ua checks an operand, uf the min/max callee, ue
    # checks the result and closes it, ud hands it to the write, whose tag then covers both accesses.
    def ub(self, cls):
        self.upd.append([cls, True, None])

    def mark(self):
        self.last = None

    def uo(self, _mark, value):
        self.upd[-1][2] = self.last
        return self.ua(value)

    def ua(self, value):
        self.upd[-1][1] = self.upd[-1][1] and is_number(value)
        return value

    def uf(self, fn, name):
        self.upd[-1][1] = self.upd[-1][1] and fn is getattr(builtins, name)  # a user `max` is not a reduction
        return fn

    def ue(self, _open, value):
        self.ua(value)
        self.done = self.upd.pop()
        return value

    def ud(self):
        upd, self.done = self.done, None
        return upd

    def finish(self, upd, loc):
        """The tag of an update's two accesses: its class only if it passed the checks and old and new are one location."""
        if upd is None:
            return 'plain'
        t = 'red:' + upd[0] if upd[1] and upd[2] is not None and upd[2][0] == loc else 'plain'
        if upd[2] is not None:
            self.tag(upd[2], t)
        return t

    def augsub(self, cls, op, obj, idx, rhs, line, label):
        if cls:
            self.ub(cls)
            self.mark()
        old = self.rd(obj, idx, line, label, None if cls else 'plain')
        if cls:
            self.uo(None, old)
        r = rhs()
        res = self.iop(op, old, self.ua(r) if cls else r)
        if cls:
            self.ue(None, res)
        self.wr(obj, idx, res, line, label, self.ud() if cls else None)

    # -- control --------------------------------------------------------------------------------------
    def frame(self):
        self.frames += 1
        return self.frames

    def tick(self):
        self.iterations += 1
        if self.iterations > self.limit or (self.iterations & 1023 == 0 and time.monotonic() > self.deadline):
            raise Truncated()
        return True

    def loop(self, line, iterable, label):
        self.instances += 1
        inst, pos, idx = self.instances, len(self.stack), -1
        self.loops.setdefault(line, []).append(inst)
        self.stack.append((line, inst, -1))
        try:
            if type(iterable) in (list, ndarray):  # index by index, so element reads land in their iteration
                while idx + 1 < len(iterable):
                    idx += 1
                    self.stack[pos] = (line, inst, idx)
                    self.tick()
                    yield self.rd(iterable, idx, line, label)
            else:
                for idx, v in enumerate(iterable):
                    self.stack[pos] = (line, inst, idx)
                    self.tick()
                    yield v
        finally:  # also on break/return: CPython closes the abandoned generator at once
            del self.stack[pos:]
            for loc, s in self.names.get((line, inst), {}).items():
                if s[2] >= 0 and s[2] != idx:
                    self.pending.setdefault(loc, []).append((line, inst))

    def module_end(self):
        """The module's namespace outlives the program (the next notebook cell, an importer, `python -i`
        read it): at the end, every module name a loop left pending counts as read after that loop."""
        for loc in [l for l in self.pending if l[0] == '$' and l[1] == 0]:
            self.liveout.update((key, loc) for key in self.pending.pop(loc))

    # -- verdicts -------------------------------------------------------------------------------------
    def classify(self, key, loc):
        tags = self.tags.get(key, {}).get(loc, set())
        if len(tags) == 1 and next(iter(tags)).startswith('red:'):
            return 'reduction', 'only %s updates of numbers' % next(iter(tags))[4:]
        if loc[0] != '$':
            return 'bad', 'touched by more than reduction updates'
        s = self.names[key][loc]
        if s[1]:
            return 'bad', 'read before written in an iteration'
        if (key, loc) in self.liveout:
            return 'bad', 'read after the loop, but its last iteration did not write it'
        return ('alias', '') if s[3] else ('privatizable', 'written first in every iteration')

    def verdicts(self, for_lines):
        out = []
        for line in for_lines:
            best, notes, deps = 3, [], set()
            for inst in self.loops.get(line, ()):
                for loc in sorted(self.carried.get((line, inst), ()), key=repr):
                    kind, why = self.classify((line, inst), loc)
                    best = min(best, ['bad', 'reduction', 'privatizable', 'alias'].index(kind))
                    if kind != 'alias':
                        deps.add(loc)
                        name = self.labels.get(loc) or (loc[2] if not loc[1] else '%s (frame %d)' % (loc[2], loc[1]))
                        note = '%s: %s (%s)' % (name, kind, why)
                        if note not in notes and len(notes) < 6:
                            notes.append(note)
            verdict = ['sequential', 'reduction', 'privatizable', 'parallel'][best]
            out.append({'line': line, 'verdict': verdict, 'instances': len(self.loops.get(line, ())), 'dependences': len(deps), 'carried': notes})
        return out


# ---------------------------------------------------------------------------------------------------------
# The rewrite.

RED_CLASS = {ast.Add: '+', ast.Sub: '+', ast.Mult: '*', ast.Div: '*', ast.BitAnd: '&', ast.BitOr: '|', ast.BitXor: '^'}
COMMUTATIVE = (ast.Add, ast.Mult, ast.BitAnd, ast.BitOr, ast.BitXor)
IOP = {ast.Add: 'iadd', ast.Sub: 'isub', ast.Mult: 'imul', ast.Div: 'itruediv', ast.FloorDiv: 'ifloordiv', ast.Mod: 'imod', ast.Pow: 'ipow',
       ast.LShift: 'ilshift', ast.RShift: 'irshift', ast.BitAnd: 'iand', ast.BitOr: 'ior', ast.BitXor: 'ixor', ast.MatMult: 'imatmul'}
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def T(attr, *args):
    return ast.Call(ast.Attribute(ast.Name('_lp_T', ast.Load()), attr, ast.Load()), list(args), [])


def C(v):
    return ast.Constant(v)


def N(name, store=False):
    return ast.Name(name, ast.Store() if store else ast.Load())


def scope_names(node):
    """(names bound, declared global, assigned by a recorded statement) directly in a function/module body."""
    bound, glob, assigned, nonloc = set(), set(), set(), set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        a = node.args
        bound |= {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg] if x}
    todo = list(node.body) if isinstance(node.body, list) else [node.body]
    while todo:
        n = todo.pop()
        if isinstance(n, ast.Global):
            glob |= set(n.names)
        elif isinstance(n, ast.Nonlocal):  # not bound here: resolve() finds the enclosing function's frame
            nonloc |= set(n.names)
        elif isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            bound.add(n.id)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split('.')[0] for a in n.names}
        elif isinstance(n, ast.ExceptHandler) and n.name:
            bound.add(n.name)
        elif isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            assigned |= {x.id for t in targets for x in ast.walk(t) if isinstance(x, ast.Name)}
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(n.name)
            todo += n.decorator_list
        elif not isinstance(n, SCOPES):
            todo += ast.iter_child_nodes(n)
    return bound - glob - nonloc, glob, assigned


class Instrument(ast.NodeTransformer):
    """Routes for-loops, subscripts, names and update statements through the tracer, in CPython's order."""

    def __init__(self, tree):
        self.tree, self.role, self.temps = tree, {}, 0
        self.module_bound, _, self.module_assigned = scope_names(tree)
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _, glob, assigned = scope_names(fn)
                self.module_assigned |= glob & assigned
        self.scopes = [('module', set(), set(), 0, set())]  # (kind, bound, global, function depth, assigned)

    def run(self):
        return ast.fix_missing_locations(self.visit(self.tree))

    def temp(self):
        self.temps += 1
        return '_lp_v%d' % self.temps

    def resolve(self, name):
        """The frame expression of a traced name; None for names not traced (see the module comment)."""
        for k in range(len(self.scopes) - 1, -1, -1):
            kind, bound, glob, depth, assigned = self.scopes[k]
            if kind == 'class' and k == len(self.scopes) - 1 or kind in ('comp', 'lambda') and name in bound:
                return None
            if kind == 'function' and (name in glob or name in bound):
                if name in glob:
                    break
                return N('_lp_F%d' % depth) if name in assigned and not name.startswith('_lp_') else None
        return C(0) if name in self.module_assigned else None

    def is_builtin(self, name):
        return name not in self.module_bound and not any(name in s[1] or name in s[2] for s in self.scopes)

    def load(self, name, tag='plain'):
        frame = self.resolve(name)
        return N(name) if frame is None else T('rs', frame, C(name), N(name), C(tag))

    def store(self, name, value, upd):
        frame = self.resolve(name)
        out = [ast.Assign([N(name, True)], value)]
        return out if frame is None else out + [ast.Expr(T('ws', frame, C(name), N(name), upd))]

    def index(self, node):
        node = self.visit(node)

        def fix(e):
            return ast.Call(N('slice'), [e.lower or C(None), e.upper or C(None), e.step or C(None)], []) if isinstance(e, ast.Slice) else e

        return ast.Tuple([fix(e) for e in node.elts], ast.Load()) if isinstance(node, ast.Tuple) else fix(node)

    def visit(self, node):
        role = self.role.pop(id(node), None)
        if role == 'old':  # the update's old value: its access is tagged when the statement ends
            return T('uo', T('mark'), self.load(node.id, None) if isinstance(node, ast.Name) else self.subscript_load(node, None))
        node = super().visit(node)
        return node if role is None else T('ua', node) if role == 'arg' else T('uf', node, C(role))

    def body(self, stmts):
        out = []
        for s in stmts:
            r = self.visit(s)
            out += r if isinstance(r, list) else [r]
        return out

    def scoped(self, entry, fn):
        self.scopes.append(entry)
        try:
            return fn()
        finally:
            self.scopes.pop()

    # -- scopes ---------------------------------------------------------------------------------------
    def visit_FunctionDef(self, node):
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [d and self.visit(d) for d in node.args.kw_defaults]
        depth = next((s[3] for s in reversed(self.scopes) if s[0] == 'function'), 0) + 1
        bound, glob, assigned = scope_names(node)
        prologue = ast.Assign([N('_lp_F%d' % depth, True)], T('frame'))  # this activation's frame number
        node.body = self.scoped(('function', bound, glob, depth, assigned), lambda: [prologue] + self.body(node.body))
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.body = self.scoped(('lambda', scope_names(node)[0], set(), 0, set()), lambda: self.visit(node.body))
        return node

    def visit_ClassDef(self, node):
        node.bases = [self.visit(b) for b in node.bases]
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.body = self.scoped(('class', set(), set(), 0, set()), lambda: self.body(node.body))
        return node

    def visit_comprehension(self, node):
        gens = node.generators
        gens[0].iter = self.visit(gens[0].iter)  # evaluated in the enclosing scope
        bound = {n.id for g in gens for n in ast.walk(g.target) if isinstance(n, ast.Name)}

        def inner():
            for k, g in enumerate(gens):
                g.iter = self.visit(g.iter) if k else g.iter
                g.ifs = [self.visit(i) for i in g.ifs]
            for field in ('elt', 'key', 'value'):
                if hasattr(node, field):
                    setattr(node, field, self.visit(getattr(node, field)))
            return node

        return self.scoped(('comp', bound, set(), 0, set()), inner)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_comprehension

    # -- expressions ----------------------------------------------------------------------------------
    def visit_Name(self, node):
        return self.load(node.id) if isinstance(node.ctx, ast.Load) else node

    def subscript_load(self, node, tag='plain'):
        label = C(ast.unparse(node))  # before the children are rewritten in place
        return T('rd', self.visit(node.value), self.index(node.slice), C(node.lineno), label, C(tag))

    def visit_Subscript(self, node):
        return self.subscript_load(node) if isinstance(node.ctx, ast.Load) else self.generic_visit(node)

    def visit_Call(self, node):
        f = node.func
        if isinstance(f, ast.Name) and f.id == 'len' and self.is_builtin('len') and len(node.args) == 1 and not node.keywords:
            return T('ln', self.visit(node.args[0]))
        if isinstance(f, ast.Attribute) and f.attr in LIST_MUTATORS:
            call = T('mc', self.visit(f.value), C(f.attr), *[self.visit(a) for a in node.args])
            call.keywords = [self.visit(k) for k in node.keywords]
            return call
        return self.generic_visit(node)

    # -- statements -----------------------------------------------------------------------------------
    def visit_For(self, node):  # the loop's own variable is not traced: each iteration has its own value
        label = C(ast.unparse(node.iter))
        node.iter = T('loop', C(node.lineno), self.visit(node.iter), label)
        node.body, node.orelse = self.body(node.body), self.body(node.orelse)
        return node

    def visit_While(self, node):
        node.test = ast.BoolOp(ast.And(), [T('tick'), self.visit(node.test)])
        node.body, node.orelse = self.body(node.body), self.body(node.orelse)
        return node

    def update_pattern(self, target, value):
        """(class, old-value node, operand nodes, min/max callee) when `target = value` is an update."""
        text = ast.unparse(target)

        def same(e):
            return isinstance(e, (ast.Name, ast.Subscript)) and ast.unparse(e) == text

        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ('min', 'max'):
            olds = [a for a in value.args if same(a)]
            if len(value.args) >= 2 and len(olds) == 1 and not value.keywords and not any(isinstance(a, ast.Starred) for a in value.args):
                return value.func.id, olds[0], [a for a in value.args if a is not olds[0]], value.func
        if not isinstance(value, ast.BinOp) or type(value.op) not in RED_CLASS:
            return None
        cls = RED_CLASS[type(value.op)]
        if isinstance(value.op, COMMUTATIVE) and same(value.right) and not same(value.left):
            return cls, value.right, [value.left], None
        operands, e = [], value
        while isinstance(e, ast.BinOp) and RED_CLASS.get(type(e.op)) == cls:  # x = x + a - b: a left spine
            operands.append(e.right)
            if same(e.left):
                return cls, e.left, operands, None
            e = e.left
        return None

    def write(self, target, src, upd):
        label = C(ast.unparse(target))
        return ast.Expr(T('wr', self.visit(target.value), self.index(target.slice), N(src), C(target.lineno), label, upd))

    def assign_to(self, target, src):
        """Statements storing the value held by temp `src` into `target`, in CPython's order."""
        if isinstance(target, ast.Name):
            return self.store(target.id, N(src), C(None))
        if isinstance(target, ast.Subscript):
            return [self.write(target, src, C(None))]
        if isinstance(target, (ast.Tuple, ast.List)):
            names = [self.temp() for _ in target.elts]
            elts = [ast.Starred(N(t, True), ast.Store()) if isinstance(e, ast.Starred) else N(t, True) for t, e in zip(names, target.elts)]
            out = [ast.Assign([ast.Tuple(elts, ast.Store())], N(src))]
            for t, e in zip(names, target.elts):
                out += self.assign_to(e.value if isinstance(e, ast.Starred) else e, t)
            return out
        return [ast.Assign([self.generic_visit(target)], N(src))]  # attributes: stored natively, untraced

    def visit_Assign(self, node):
        target = node.targets[0] if len(node.targets) == 1 else None
        pattern = self.update_pattern(target, node.value) if isinstance(target, (ast.Name, ast.Subscript)) else None
        if pattern:
            cls, old, operands, fn = pattern
            self.role.update([(id(old), 'old')] + [(id(o), 'arg') for o in operands] + ([(id(fn), fn.id)] if fn else []))
        value = self.visit(node.value)
        value, upd = (T('ue', T('ub', C(pattern[0])), value), T('ud')) if pattern else (value, C(None))
        if isinstance(target, ast.Name):
            return self.store(target.id, value, upd)
        src, ctx = self.temp(), self.temp()
        out = [ast.Assign([N(src, True)], value)]
        if isinstance(target, ast.Subscript):  # the finished update is taken before the target's own code runs
            return out + [ast.Assign([N(ctx, True)], upd), self.write(target, src, N(ctx))]
        for t in node.targets:
            out += self.assign_to(t, src)
        return out

    def visit_AnnAssign(self, node):
        return node if node.value is None else self.visit_Assign(ast.Assign([node.target], node.value, lineno=node.lineno))

    def visit_AugAssign(self, node):
        op, target = type(node.op), node.target
        cls = RED_CLASS.get(op)
        if isinstance(target, ast.Subscript):
            label = C(ast.unparse(target))
            rhs = ast.Lambda(ast.arguments([], [], None, [], [], None, []), self.visit(node.value))
            return ast.Expr(T('augsub', C(cls), C(IOP[op]), self.visit(target.value), self.index(target.slice), rhs, C(node.lineno), label))
        if not isinstance(target, ast.Name):
            return self.generic_visit(node)
        if cls is None:
            return self.store(target.id, T('iop', C(IOP[op]), self.load(target.id), self.visit(node.value)), C(None))
        value = T('iop', C(IOP[op]), T('uo', T('mark'), self.load(target.id, None)), T('ua', self.visit(node.value)))
        return self.store(target.id, T('ue', T('ub', C(cls)), value), T('ud'))


# ---------------------------------------------------------------------------------------------------------


def run_source(source, env=None, after=None, limit=200_000, seconds=10.0, strict=False):
    """Runs one program; `env` seeds its namespace, `after(namespace)` runs (traced) after the module body."""
    global CURRENT
    try:
        compile(source, '<program>', 'exec')
    except (SyntaxError, ValueError) as e:
        return {'syntaxError': 'line %s: %s' % (getattr(e, 'lineno', '?'), getattr(e, 'msg', str(e)))}
    tree = ast.parse(source)
    for_lines = sorted({n.lineno for n in ast.walk(tree) if isinstance(n, ast.For)})
    code = compile(Instrument(tree).run(), '<program>', 'exec')
    ns = dict(env or {}, __name__='__main__', __builtins__=builtins)
    ns['_lp_T'] = tracer = Tracer(ns, limit, seconds, strict)
    saved, CURRENT = (sys.modules.get('numpy'), sys.stdout), tracer
    sys.modules['numpy'], sys.stdout = make_numpy(), io.StringIO()  # the program's prints are not our JSON
    try:
        exec(code, ns)
        if after:
            after(ns)
        tracer.module_end()
    except Truncated:
        return {'truncated': True}
    except Exception as e:  # the test discards programs that raise
        return {'error': '%s: %s' % (type(e).__name__, e)}
    finally:
        CURRENT, sys.stdout = None, saved[1]
        sys.modules.pop('numpy', None) if saved[0] is None else sys.modules.__setitem__('numpy', saved[0])
    return {'loops': tracer.verdicts(for_lines), 'iterations': tracer.iterations, 'warnings': tracer.warnings[:5]}


def main():
    limit = int(sys.argv[sys.argv.index('--limit') + 1]) if '--limit' in sys.argv else 200_000
    sys.setrecursionlimit(5000)
    results = [dict(run_source(p['source'], limit=limit), id=p.get('id')) for p in json.load(sys.stdin)]
    json.dump(results, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
