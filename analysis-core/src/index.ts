export * from './parse/index.js';
export { outlineLoops, type LoopOutline } from './ir/outline.js';
export { assert, assertNever, InternalError } from './util/assert.js';
export { LOUPE_VERSION } from './version.js';
