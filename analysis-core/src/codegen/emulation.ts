/**
 * CPU emulation: the SAME kernel source Loupe generates for the GPU, compiled by a host C++17 compiler
 * (`g++ -O1 -std=c++17`) against a thin shim, driven by a generated `main()` that executes the host plan.
 *
 * Every launch runs all of its threads in a seeded, shuffled order — across blocks and within them — so a
 * loop that is not really parallel (a thread reading what another writes) produces a different result
 * than CPython's sequential order, and the comparison catches it.
 *
 * Block reductions (`__syncthreads()`) cannot run thread by thread to completion. Choice: run each block's
 * threads as cooperative fibers (POSIX ucontext) in lockstep phases — every live thread runs, in shuffled
 * order, until it reaches the barrier or finishes; then the next phase starts. So the shared-memory tree
 * and the atomics that the GPU runs are exactly what the emulation runs (no `#ifdef` variant of the kernel
 * to trust separately). Threads that finish while others wait at a barrier are reported as an error
 * (a divergent barrier is undefined behaviour on the GPU). Kernels without barriers skip the fibers.
 *
 * Atomics are trivially atomic here (one OS thread, switches only at barriers).
 */
import { assertNever } from '../util/assert.js';
import { floatLiteral, intLiteral } from './cudaExpr.js';
import type { CodegenResult, PlanArg, PlanLaunch, PlanStep } from './plan.js';
import { dtypeCType } from './types.js';

export const EMULATION_SHIM = String.raw`// ---- Loupe CPU emulation shim: lets the generated CUDA compile with a host C++17 compiler ----
#define LOUPE_EMULATION 1
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

// noipa: GCC 12 at -O1 can summarise a kernel whose loop addresses a[2*i] as writing no memory and drop
// the call (an IVOPTs/IPA interaction); kernels are the emulation's boundary, so keep them opaque.
#define __global__ __attribute__((noipa))
#define __device__
#define __host__
#define __forceinline__ inline
// One block runs at a time, so a function-local static is exactly "shared by the block's threads".
#define __shared__ static

struct uint3 { unsigned int x, y, z; };
struct dim3 { unsigned int x, y, z; };
static uint3 threadIdx, blockIdx;
static dim3 blockDim, gridDim;

static inline int min(int a, int b) { return a < b ? a : b; }
static inline int max(int a, int b) { return a > b ? a : b; }
static inline long long min(long long a, long long b) { return a < b ? a : b; }
static inline long long max(long long a, long long b) { return a > b ? a : b; }

static inline long long __double_as_longlong(double x) { long long r; memcpy(&r, &x, sizeof r); return r; }
static inline double __longlong_as_double(long long x) { double r; memcpy(&r, &x, sizeof r); return r; }
static inline float __int_as_float(int x) { float r; memcpy(&r, &x, sizeof r); return r; }
static inline unsigned int __float_as_uint(float x) { unsigned int r; memcpy(&r, &x, sizeof r); return r; }
static inline float __uint_as_float(unsigned int x) { float r; memcpy(&r, &x, sizeof r); return r; }

static inline double atomicAdd(double* p, double v) { double o = *p; *p = o + v; return o; }
static inline float atomicAdd(float* p, float v) { float o = *p; *p = o + v; return o; }
static inline int atomicAdd(int* p, int v) { int o = *p; *p = o + v; return o; }
static inline unsigned int atomicAdd(unsigned int* p, unsigned int v) { unsigned int o = *p; *p = o + v; return o; }
static inline unsigned long long atomicAdd(unsigned long long* p, unsigned long long v) { unsigned long long o = *p; *p = o + v; return o; }
static inline int atomicCAS(int* p, int c, int v) { int o = *p; if (o == c) *p = v; return o; }
static inline unsigned int atomicCAS(unsigned int* p, unsigned int c, unsigned int v) { unsigned int o = *p; if (o == c) *p = v; return o; }
static inline unsigned long long atomicCAS(unsigned long long* p, unsigned long long c, unsigned long long v) { unsigned long long o = *p; if (o == c) *p = v; return o; }

namespace loupe_emu {
struct Fiber {
  ucontext_t ctx;
  char* stack;
  uint3 tid;
  bool done;
};
static const size_t kStack = 256 * 1024;
static ucontext_t scheduler;
static Fiber* current = nullptr;
static void (*entry)(void*) = nullptr;
static void* entryArg = nullptr;
static unsigned long long launches = 0, threads = 0;

[[noreturn]] static void fail(const char* what) {
  fprintf(stderr, "loupe emulation: %s\n", what);
  exit(4);
}

// splitmix64: the seeded source of every shuffle.
static uint64_t rngState = 0;
static uint64_t next() {
  uint64_t z = (rngState += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
template <typename T> static void shuffle(T* a, unsigned long long n) {
  for (unsigned long long i = n; i > 1; i--) {
    unsigned long long j = next() % i;
    T t = a[i - 1]; a[i - 1] = a[j]; a[j] = t;
  }
}
static void* allocate(size_t bytes) {
  void* p = calloc(bytes > 0 ? bytes : 1, 1);
  if (p == nullptr) fail("out of memory");
  return p;
}
static void fiberMain() {
  entry(entryArg);
  current->done = true;
}
}  // namespace loupe_emu

static inline void __syncthreads() {
  if (loupe_emu::current == nullptr) loupe_emu::fail("__syncthreads() in a launch not run in lockstep");
  swapcontext(&loupe_emu::current->ctx, &loupe_emu::scheduler);
}

namespace loupe_emu {
static void setIndex(uint3& out, unsigned long long linear, dim3 d) {
  out.x = (unsigned int)(linear % d.x);
  out.y = (unsigned int)((linear / d.x) % d.y);
  out.z = (unsigned int)(linear / ((unsigned long long)d.x * d.y));
}

// Every (block, thread) pair once, in one shuffled order over the whole launch.
template <typename F> static void launch(dim3 grid, dim3 block, F kernel) {
  gridDim = grid;
  blockDim = block;
  const unsigned long long perBlock = (unsigned long long)block.x * block.y * block.z;
  const unsigned long long total = (unsigned long long)grid.x * grid.y * grid.z * perBlock;
  unsigned long long* order = (unsigned long long*)allocate(total * sizeof *order);
  for (unsigned long long i = 0; i < total; i++) order[i] = i;
  shuffle(order, total);
  for (unsigned long long k = 0; k < total; k++) {
    setIndex(blockIdx, order[k] / perBlock, grid);
    setIndex(threadIdx, order[k] % perBlock, block);
    kernel();
  }
  free(order);
  launches++;
  threads += total;
}

template <typename F> static void call(void* f) { (*(F*)f)(); }

// Blocks in shuffled order; each block's threads as fibers, advanced barrier to barrier in shuffled order.
template <typename F> static void launchLockstep(dim3 grid, dim3 block, F kernel) {
  gridDim = grid;
  blockDim = block;
  entry = &call<F>;
  entryArg = &kernel;
  const unsigned long long perBlock = (unsigned long long)block.x * block.y * block.z;
  const unsigned long long blocks = (unsigned long long)grid.x * grid.y * grid.z;
  unsigned long long* blockOrder = (unsigned long long*)allocate(blocks * sizeof *blockOrder);
  for (unsigned long long i = 0; i < blocks; i++) blockOrder[i] = i;
  shuffle(blockOrder, blocks);
  Fiber* fibers = (Fiber*)allocate(perBlock * sizeof(Fiber));
  Fiber** alive = (Fiber**)allocate(perBlock * sizeof(Fiber*));
  for (unsigned long long t = 0; t < perBlock; t++) fibers[t].stack = (char*)allocate(kStack);
  for (unsigned long long b = 0; b < blocks; b++) {
    setIndex(blockIdx, blockOrder[b], grid);
    unsigned long long live = 0;
    for (unsigned long long t = 0; t < perBlock; t++) {
      Fiber& f = fibers[t];
      setIndex(f.tid, t, block);
      f.done = false;
      getcontext(&f.ctx);
      f.ctx.uc_stack.ss_sp = f.stack;
      f.ctx.uc_stack.ss_size = kStack;
      f.ctx.uc_link = &scheduler;
      makecontext(&f.ctx, fiberMain, 0);
      alive[live++] = &f;
    }
    while (live > 0) {
      shuffle(alive, live);
      for (unsigned long long k = 0; k < live; k++) {
        current = alive[k];
        threadIdx = current->tid;
        swapcontext(&scheduler, &current->ctx);
      }
      current = nullptr;
      unsigned long long waiting = 0;
      for (unsigned long long k = 0; k < live; k++) if (!alive[k]->done) alive[waiting++] = alive[k];
      if (waiting != 0 && waiting != live) fail("some threads of a block finished while others wait at __syncthreads()");
      live = waiting;
    }
  }
  for (unsigned long long t = 0; t < perBlock; t++) free(fibers[t].stack);
  free(fibers);
  free(alive);
  free(blockOrder);
  entry = nullptr;
  launches++;
  threads += blocks * perBlock;
}

static void path(char* out, size_t cap, const char* dir, const char* name) {
  if ((size_t)snprintf(out, cap, "%s/%s", dir, name) >= cap) fail("path too long");
}

static void readArray(const char* dir, const char* name, void* data, size_t bytes, bool required) {
  char p[4096];
  path(p, sizeof p, dir, name);
  FILE* f = fopen(p, "rb");
  if (f == nullptr) {
    if (required) {
      fprintf(stderr, "loupe emulation: cannot open %s\n", p);
      exit(2);
    }
    return;  // the buffer is already zeroed
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (size < 0 || (size_t)size != bytes || fread(data, 1, bytes, f) != bytes) {
    fprintf(stderr, "loupe emulation: %s has %ld bytes, expected %zu\n", p, size, bytes);
    exit(2);
  }
  fclose(f);
}

static void writeArray(const char* dir, const char* name, const void* data, size_t bytes) {
  char p[4096];
  path(p, sizeof p, dir, name);
  FILE* f = fopen(p, "wb");
  if (f == nullptr || fwrite(data, 1, bytes, f) != bytes) {
    fprintf(stderr, "loupe emulation: cannot write %s\n", p);
    exit(2);
  }
  fclose(f);
}
}  // namespace loupe_emu
// ---- end of shim ----
`;

/** Host compiler flags for the emulation (the shim needs C++17; see the `noipa` note in the shim). */
export const EMULATION_CXX_FLAGS: readonly string[] = ['-O1', '-std=c++17'];

export interface EmulationOptions {
  /** Seeds the shuffled thread order (same seed, same order). */
  readonly seed: number;
}

/** A C string literal for a message: printable ASCII only (the reason may quote user names). */
function cString(s: string): string {
  return `"${s
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')}"`;
}

/**
 * The emulation's `main(argc, argv)`: reads each array from `<argv[1]>/<name>.bin` (raw little-endian,
 * C order; required for in/inout arrays, zeros when absent for out arrays and scalar cells), executes the
 * plan, writes every out/inout array and scalar cell to `<argv[1]>/<name>.out.bin`. Exit status 2: I/O
 * problem; 3: the plan has a host-only step without a device fallback; 4: emulation error.
 */
export function emulationMain(result: CodegenResult, options: EmulationOptions): string {
  const { plan } = result;
  if (plan.missing.length > 0) throw new Error(`the plan needs values for: ${plan.missing.join(', ')}`);
  const buf = new Map(plan.arrays.map((a, i) => [a.name, `loupe_buf_${i}`]));
  const sync = new Map(result.kernels.map((k) => [k.name, k.blockSync]));
  const out: string[] = [];
  out.push('// ---- Loupe emulation driver (generated from the host plan) ----');
  out.push('int main(int argc, char** argv) {');
  out.push('    if (argc < 2) {');
  out.push('        fprintf(stderr, "usage: %s DIR\\n", argv[0]);');
  out.push('        return 2;');
  out.push('    }');
  out.push('    const char* dir = argv[1];');
  out.push(`    loupe_emu::rngState = ${Math.trunc(options.seed) >>> 0}ULL;`);
  plan.arrays.forEach((a) => {
    const n = a.shape.reduce((p, d) => p * d, 1);
    const v = buf.get(a.name)!;
    const t = dtypeCType(a.dtype);
    out.push(`    // ${a.name}: ${a.dtype}[${a.shape.join(', ')}], ${a.role}${a.scalar ? ' (a scalar kept in a one-element array)' : ''}`);
    out.push(`    ${t}* ${v} = (${t}*)loupe_emu::allocate(${n} * sizeof(${t}));`);
    out.push(
      `    loupe_emu::readArray(dir, ${cString(`${a.name}.bin`)}, ${v}, ${n} * sizeof(${t}), ${a.role === 'out' ? 'false' : 'true'});`,
    );
  });

  const hostVars: string[] = [];
  const arg = (a: PlanArg): string => {
    switch (a.kind) {
      case 'array':
        return buf.get(a.name)!;
      case 'int':
        return intLiteral(a.value);
      case 'float':
        return floatLiteral(a.value, 'f64');
      case 'loopvar': {
        if (!hostVars.includes(a.name)) throw new Error(`loop variable ${a.name} is not bound by an enclosing host loop`);
        return `loupe_hv_${a.name}`;
      }
      default:
        return assertNever(a, 'plan argument');
    }
  };
  const launch = (l: PlanLaunch, pad: string): void => {
    const fn = sync.get(l.kernel) ? 'launchLockstep' : 'launch';
    out.push(
      `${pad}loupe_emu::${fn}(dim3{${l.grid.join(', ')}}, dim3{${l.block.join(', ')}}, [&] { ${l.kernel}(${l.args.map(arg).join(', ')}); });`,
    );
  };
  const steps = (ss: readonly PlanStep[], pad: string): void => {
    for (const s of ss) {
      switch (s.kind) {
        case 'launch':
          launch(s, pad);
          break;
        case 'host-loop': {
          const v = `loupe_hv_${s.var}`;
          const cmp = s.step > 0 ? '<' : '>';
          out.push(
            `${pad}for (long long ${v} = ${intLiteral(s.start)}; ${v} ${cmp} ${intLiteral(s.stop)}; ${v} += ${intLiteral(s.step)}) {`,
          );
          hostVars.push(s.var);
          steps(s.body, `${pad}    `);
          hostVars.pop();
          out.push(`${pad}}`);
          break;
        }
        case 'host-only':
          if (s.fallback) launch(s.fallback, pad);
          else {
            out.push(`${pad}fprintf(stderr, "loupe emulation: %s\\n", ${cString(`not executable on the device: ${s.reason}`)});`);
            out.push(`${pad}return 3;`);
          }
          break;
        default:
          assertNever(s, 'plan step');
      }
    }
  };
  steps(plan.steps, '    ');

  for (const a of plan.arrays) {
    if (a.role === 'in') continue;
    const n = a.shape.reduce((p, d) => p * d, 1);
    out.push(
      `    loupe_emu::writeArray(dir, ${cString(`${a.name}.out.bin`)}, ${buf.get(a.name)!}, ${n} * sizeof(${dtypeCType(a.dtype)}));`,
    );
  }
  out.push('    printf("loupe emulation: %llu launches, %llu threads\\n", loupe_emu::launches, loupe_emu::threads);');
  out.push('    return 0;');
  out.push('}');
  return out.join('\n') + '\n';
}

/** Shim + kernels + driver: one C++17 translation unit (`g++ -O1 -std=c++17 -o emu emu.cpp`, see EMULATION_CXX_FLAGS). */
export function emulationSource(result: CodegenResult, options: EmulationOptions): string {
  return `${EMULATION_SHIM}\n${result.cuda}\n${emulationMain(result, options)}`;
}
