import type { BrowserContext, Page } from '@playwright/test';

/** Schemes that never leave the machine. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return true;
  return (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && LOCAL_HOSTS.has(url.hostname);
}

export interface PageGuard {
  /** Every request URL the page, its frames and its workers made. */
  readonly requests: string[];
  /** Requests that would have left 127.0.0.1 (they are aborted, so the test cannot hang on them). */
  readonly offHost: string[];
  /** `console.error` messages and uncaught page errors. */
  readonly errors: string[];
}

/**
 * Records every request (and aborts any to another host), console errors and page errors. Attach before
 * `page.goto`.
 */
export async function guardPage(page: Page, context: BrowserContext): Promise<PageGuard> {
  const guard: PageGuard = { requests: [], offHost: [], errors: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) {
      await route.continue();
    } else {
      if (!guard.offHost.includes(url)) guard.offHost.push(url);
      await route.abort('blockedbyclient');
    }
  });
  context.on('request', (request) => {
    guard.requests.push(request.url());
    if (!isLocalUrl(request.url()) && !guard.offHost.includes(request.url())) guard.offHost.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') guard.errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => guard.errors.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') guard.errors.push(`worker console.error: ${message.text()}`);
    });
  });
  return guard;
}

/** Shape of the test hook the app installs on `window` (only what the tests use). */
export interface LoupeHook {
  __loupe?: {
    editor: {
      getModel(): { setValue(text: string): void; getValue(): string; getVersionId(): number } | null;
      getDomNode(): HTMLElement | null;
      getScrolledVisiblePosition(p: { lineNumber: number; column: number }): { top: number; left: number; height: number } | null;
      revealLine(line: number): void;
      getOption(id: number): unknown;
    };
    monaco: { editor: { getModelMarkers(filter: { owner?: string }): { message: string; startLineNumber: number }[] } };
  };
}
