/**
 * Where in a file the analysis throws. An exception carries a stack but no source position, and a
 * notebook can have a hundred cells: re-analysing each top-level statement on its own (padded with blank
 * lines so line numbers do not move) finds the first one that throws, and the line map turns it into
 * `cell N:line`. Runs only after a crash, so its cost does not matter.
 */
import type { Engine } from './engine.js';
import { locateLine, type CellSpan } from './notebook.js';
import type { ParseResult } from '../../src/index.js';

export function locateCrash(engine: Engine, parsed: ParseResult, source: string, spans: readonly CellSpan[] | null): string | null {
  for (const stmt of parsed.module.body) {
    const text = source.slice(stmt.range.startOffset, stmt.range.endOffset);
    if (stmt.range.start.column !== 0) continue; // not a statement of its own line; cannot be re-parsed alone
    const alone = '\n'.repeat(stmt.range.start.line - 1) + text;
    try {
      const p = engine.parse(alone);
      engine.analyze(p, alone);
    } catch {
      const line = stmt.range.start.line;
      if (spans === null) return `line ${line}`;
      const at = locateLine(spans, line);
      return `cell ${at.cell}:${at.line}`;
    }
  }
  return null;
}
