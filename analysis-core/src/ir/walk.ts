/** The statement lists directly inside a statement, in source order (a `for`'s body, then its `else`). */
import type { Stmt } from '../parse/syntax.js';
import { assertNever } from '../util/assert.js';

export function nestedBodies(s: Stmt): readonly (readonly Stmt[])[] {
  switch (s.kind) {
    case 'for':
    case 'while':
    case 'if':
      return [s.body, s.orelse];
    case 'function':
    case 'compound':
      return [s.body];
    case 'assign':
    case 'augassign':
    case 'expr':
    case 'return':
    case 'break':
    case 'continue':
    case 'pass':
    case 'import':
    case 'unsupported-stmt':
      return [];
    default:
      return assertNever(s, 'statement kind');
  }
}
