import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

// Browser tests against the real server (server/src/main.ts) serving the built app from dist/web.
// Build first (`npx vite build`; `npm test` does it): this config never builds.
const port = Number(process.env.E2E_PORT ?? 8090);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: 'artifacts/test-results',
  fullyParallel: true,
  // Two browsers at once keep the suite near a minute on a 2-core machine; E2E_WORKERS overrides.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    // Playwright's own browser download cannot work offline: use Debian's Chromium.
    launchOptions: {
      executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: 'npx tsx server/src/main.ts',
    cwd: repoRoot,
    env: { PORT: String(port) },
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
