import { defineConfig, type BuildEnvironmentOptions } from 'vite';
import react from '@vitejs/plugin-react';

type OnLog = NonNullable<NonNullable<BuildEnvironmentOptions['rolldownOptions']>['onLog']>;

/**
 * web-tree-sitter is an Emscripten build: it has Node-only branches (`module`, `fs/promises`) that never
 * run in the browser, and a direct `eval`. Vite and Rolldown warn about both on every build; drop exactly
 * those warnings so real ones stay visible.
 */
const quietTreeSitter: OnLog = (level, log, handler) => {
  const fromTreeSitter = (log.id ?? '').includes('web-tree-sitter') || log.message.includes('web-tree-sitter');
  if (level === 'warn' && fromTreeSitter) return;
  handler(level, log);
};

// The web app lives in web/; the Express server (server/src/main.ts) serves the build from dist/web.
export default defineConfig({
  root: 'web',
  publicDir: '../public',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Monaco's editor core is one ~3 MB chunk (under 1 MB gzip) by design.
    chunkSizeWarningLimit: 4096,
    // Applies to the worker bundles too (Vite routes their logs through this handler).
    rolldownOptions: { onLog: quietTreeSitter },
  },
  // web-tree-sitter locates its wasm at runtime; pre-bundling it breaks that.
  optimizeDeps: { exclude: ['web-tree-sitter'] },
  worker: { format: 'es' },
});
