/**
 * A copy of a tree-sitter tree in flat typed arrays, read in one cursor walk that calls web-tree-sitter's
 * wasm exports directly.
 *
 * Why: web-tree-sitter's `Node` API marshals the node into a transfer buffer with five generic `setValue`
 * calls before every property read and allocates a `Node` (and a position object) for every child it
 * returns. The wasm exports behind its `TreeCursor` keep the cursor in that same buffer between calls, so a
 * walk that never leaves the buffer costs a few plain wasm calls per node: about 0.35 µs per node, every
 * node included (punctuation and string parts too).
 *
 * Measured over the shared corpus, per file and interleaved in one process (bench scratch, 3 passes): the
 * conversion through `Node` took 2.7 s per pass next to 3.7 s of raw tree-sitter parsing; through the
 * mirror it takes 1.7 s (walk and conversion), so parsing as a whole is 1.19 times faster.
 *
 * The exports are internal to web-tree-sitter (which is pinned to one version in package.json). They are
 * looked up by name once (`cursorExports`); if any is missing the parser fails to start with a message
 * naming it, rather than converting differently. test/adapterEquivalence.test.ts holds the conversion over
 * this mirror to the `Node` API one (referenceConverter.ts), byte for byte, over the examples and corpus.
 */

/** web-tree-sitter's emscripten exports the walk uses; each takes the tree's address, the cursor lives in the transfer buffer. */
export interface CursorExports {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const EXPORT_NAMES: readonly (keyof CursorExports)[] = [
  '_ts_tree_root_node_wasm',
  '_ts_tree_cursor_new_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
];

/** The exports from the emscripten module object `Parser.init` filled in, or the name of the first one missing. */
export function cursorExports(module: object): CursorExports | { missing: string } {
  const m = module as Record<string, unknown>;
  for (const name of EXPORT_NAMES) if (typeof m[name] !== 'function') return { missing: name };
  return module as CursorExports;
}

/** No child, no next sibling. */
export const NONE = -1;
/** Bits of `TreeMirror.flags`. */
export const NAMED = 1;
export const MISSING = 2;

/**
 * One parser's mirror, refilled by each `fill`: the arrays are reused from tree to tree, so a node index is
 * only meaningful until the next `fill`. Index 0 is the root; children of a node are `firstChild` and then
 * `nextSibling` links, in source order.
 */
export class TreeMirror {
  type = new Uint16Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  /** The field the node fills in its parent; 0 for none. */
  field = new Uint16Array(0);
  /** NAMED, and MISSING (read only for trees with errors, since no other tree has missing nodes). */
  flags = new Uint8Array(0);
  firstChild = new Int32Array(0);
  nextSibling = new Int32Array(0);

  constructor(private readonly wasm: CursorExports) {
    this.grow(1024);
  }

  fill(treeAddress: number, readMissing: boolean): void {
    const w = this.wasm;
    const t = treeAddress;
    w._ts_tree_root_node_wasm(t);
    w._ts_tree_cursor_new_wasm(t);
    // Ancestors of the node under the cursor (their mirror indices); the walk never recurses, however deep the tree.
    const parents: number[] = [];
    let previous = NONE;
    let n = 0;
    try {
      for (;;) {
        if (n === this.type.length) this.grow(n * 2);
        const i = n++;
        this.type[i] = w._ts_tree_cursor_current_node_type_id_wasm(t);
        this.start[i] = w._ts_tree_cursor_start_index_wasm(t);
        this.end[i] = w._ts_tree_cursor_end_index_wasm(t);
        this.field[i] = w._ts_tree_cursor_current_field_id_wasm(t);
        this.flags[i] =
          (w._ts_tree_cursor_current_node_is_named_wasm(t) ? NAMED : 0) |
          (readMissing && w._ts_tree_cursor_current_node_is_missing_wasm(t) ? MISSING : 0);
        this.firstChild[i] = NONE;
        this.nextSibling[i] = NONE;
        if (previous !== NONE) this.nextSibling[previous] = i;
        else if (parents.length > 0) this.firstChild[parents[parents.length - 1]!] = i;
        if (w._ts_tree_cursor_goto_first_child_wasm(t)) {
          parents.push(i);
          previous = NONE;
          continue;
        }
        previous = i;
        while (!w._ts_tree_cursor_goto_next_sibling_wasm(t)) {
          if (!w._ts_tree_cursor_goto_parent_wasm(t)) return;
          previous = parents.pop()!;
        }
      }
    } finally {
      w._ts_tree_cursor_delete_wasm(t);
    }
  }

  private grow(size: number): void {
    const grown = <T extends Uint8Array | Uint16Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.type = grown(this.type, (k) => new Uint16Array(k));
    this.start = grown(this.start, (k) => new Int32Array(k));
    this.end = grown(this.end, (k) => new Int32Array(k));
    this.field = grown(this.field, (k) => new Uint16Array(k));
    this.flags = grown(this.flags, (k) => new Uint8Array(k));
    this.firstChild = grown(this.firstChild, (k) => new Int32Array(k));
    this.nextSibling = grown(this.nextSibling, (k) => new Int32Array(k));
  }
}
