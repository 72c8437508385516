/**
 * One file, end to end: read → text (notebook cells joined) → parse → outline → analysis → loop records.
 * Never throws: an exception anywhere becomes `status: 'crash'` with the message and the top of the
 * stack, and the loops the outline found are still counted (with no verdict), so one bad file neither
 * stops the scan nor hides its loops.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LoopOutline, ParseResult } from '../../src/index.js';
import type { Engine, EngineAnalysis } from './engine.js';
import { locateCrash } from './locateCrash.js';
import { locateLine } from './notebook.js';
import { nestsOf } from './nests.js';
import { dependenceIndex, loopReasons } from './reasons.js';
import { kindOf, MAX_BYTES, sourceFromBytes, type SourceUnit } from './source.js';
import type { Crash, FileResult, LoopRecord, Note } from './types.js';

/**
 * `onOutline` gets the file's loops (no verdicts yet) before the analysis starts, so a caller that has to
 * give up on a hung analysis can still count the file's loops.
 */
export async function scanFile(engine: Engine, path: string, onOutline?: (partial: FileResult) => void): Promise<FileResult> {
  const kind = kindOf(path);
  let file: { bytes: Uint8Array; size: number };
  try {
    file = readCapped(path);
  } catch (e) {
    return { ...empty(path, kind, 0), status: 'crash', crash: crashOf('read', e) };
  }
  const read = sourceFromBytes(path, file.bytes, file.size);
  if (!read.ok) return { ...empty(path, kind, file.size), status: 'skipped', notes: [read.note] };
  return analyzeUnit(engine, path, read.unit, file.size, onOutline);
}

/**
 * A file over the size limit is not read at all: its size is enough to skip it. Synchronous on purpose:
 * each worker thread scans one file at a time, and the four thread-pool round trips of an asynchronous
 * open/stat/read/close left it idle for about 2.5 ms per file, as long as analysing a typical notebook.
 */
function readCapped(path: string): { bytes: Uint8Array; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_BYTES) return { bytes: new Uint8Array(0), size };
    const bytes = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const bytesRead = readSync(fd, bytes, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { bytes: bytes.subarray(0, got), size };
  } finally {
    closeSync(fd);
  }
}

export function analyzeUnit(
  engine: Engine,
  path: string,
  unit: SourceUnit,
  bytes: number,
  onOutline?: (partial: FileResult) => void,
): FileResult {
  const base: FileResult = {
    ...empty(path, unit.kind, bytes),
    cells: unit.cells,
    codeCells: unit.codeCells,
    lines: countLines(unit.source),
    notes: unit.notes,
  };
  const t0 = performance.now();
  let parsed: ParseResult;
  let outline: LoopOutline[];
  try {
    parsed = engine.parse(unit.source);
    outline = engine.outline(parsed, unit.source);
  } catch (e) {
    const ms = performance.now() - t0;
    return { ...base, status: 'crash', ms, parseMs: ms, crash: crashOf('parse', e) };
  }
  const parseMs = performance.now() - t0;
  const syntaxErrors = parsed.diagnostics.filter((d) => d.code.startsWith('syntax')).length;
  const notes: Note[] = [...unit.notes];
  if (syntaxErrors > 0) notes.push({ code: 'syntax-error', count: syntaxErrors, message: 'syntax errors (analysed with error recovery)' });
  const nests = nestsOf(outline);
  onOutline?.({ ...base, loops: loopRecords(unit, outline, null), nests, notes, syntaxErrors, parseMs });
  let analysis: EngineAnalysis | null = null;
  let crash: Crash | null = null;
  try {
    analysis = engine.analyze(parsed, unit.source);
  } catch (e) {
    crash = { ...crashOf('analysis', e), where: locateCrash(engine, parsed, unit.source, unit.spans) };
  }
  const ms = performance.now() - t0;
  const loops = loopRecords(unit, outline, analysis);
  const unmatched = analysis ? Math.abs(analysis.loops.length - outline.length) + loops.filter((l) => l.verdict === null).length : 0;
  // Outline and report should list the same loops; if not, say so rather than count them silently as unanalysed.
  const allNotes: Note[] =
    unmatched > 0
      ? [
          ...notes,
          { code: 'unmatched-loops', count: unmatched, message: 'loops of the outline and of the analysis report that do not line up' },
        ]
      : notes;
  return { ...base, status: crash ? 'crash' : 'ok', loops, nests, notes: allNotes, syntaxErrors, ms, parseMs, crash };
}

function loopRecords(unit: SourceUnit, outline: readonly LoopOutline[], analysis: EngineAnalysis | null): LoopRecord[] {
  // Report loops and outline loops are both every `for` in source order; match on the header position
  // rather than the index, so a disagreement between the two shows as a missing verdict, not a wrong one.
  const byPos = new Map((analysis?.loops ?? []).map((l) => [`${l.line}:${l.column}`, l]));
  const deps = analysis ? dependenceIndex(analysis.dependences) : new Map();
  return outline.map((o) => {
    const r = byPos.get(`${o.headerRange.start.line}:${o.headerRange.start.column}`);
    const shape = r ? analysis?.shapes[r.id] : undefined;
    const where = unit.spans ? locateLine(unit.spans, o.line) : { cell: null, line: o.line };
    return {
      cell: where.cell,
      line: where.line,
      column: o.headerRange.start.column,
      var: o.var,
      iterable: o.iterable.length > 80 ? `${o.iterable.slice(0, 79)}…` : o.iterable,
      isRange: o.bounds !== null,
      depth: o.depth,
      verdict: r?.verdict ?? null,
      stage: r?.stage ?? null,
      affine: shape?.affine ?? false,
      subscripted: shape?.subscripted ?? false,
      reasons: r ? loopReasons(r, deps) : [],
      explanation: r?.explanation ?? '',
    };
  });
}

function empty(path: string, kind: 'py' | 'ipynb', bytes: number): FileResult {
  return {
    path,
    kind,
    status: 'ok',
    bytes,
    cells: 0,
    codeCells: 0,
    lines: 0,
    loops: [],
    nests: [],
    notes: [],
    syntaxErrors: 0,
    ms: 0,
    parseMs: 0,
    crash: null,
  };
}

function countLines(s: string): number {
  if (s.length === 0) return 0;
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1 && i < s.length - 1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function crashOf(phase: Crash['phase'], e: unknown): Crash {
  const err = e instanceof Error ? e : new Error(String(e));
  const stack = (err.stack ?? '')
    .split('\n')
    .slice(1, 6)
    .map((l) => l.trim())
    .join('\n');
  return { phase, message: `${err.name}: ${err.message}`, where: null, stack };
}
