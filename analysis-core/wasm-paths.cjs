// Node-side locations of the two wasm files the parser needs (browsers use bundler URLs instead).
const path = require('node:path');
module.exports = {
  runtimeWasm: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  languageWasm: path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
};
