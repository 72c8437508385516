export * from './source.js';
export type * from './syntax.js';
export { createPythonParser, type ParserHost, type PythonParser } from './treeSitterAdapter.js';
