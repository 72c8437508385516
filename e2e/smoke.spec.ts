import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { guardPage, type LoupeHook, type PageGuard } from './guard';

const screenshots = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));

/** Every test gets a guard; after the test it asserts: no request left 127.0.0.1, no console or page errors. */
const test = base.extend<{ guard: PageGuard }>({
  guard: [
    async ({ page, context }, use) => {
      const guard = await guardPage(page, context);
      await use(guard);
      expect(guard.offHost, 'requests that left 127.0.0.1').toEqual([]);
      expect(guard.requests.length, 'the guard saw the page load').toBeGreaterThan(0);
      expect(guard.errors, 'console errors and page errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens the app and waits until the editor hook is installed and the default snippet is analysed. */
async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveTitle('Loupe');
  await expect(page.getByRole('heading', { level: 1, name: 'Loupe' })).toBeVisible();
  await expect(page.getByTestId('loop-list')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('loop-item').first()).toBeVisible();
  await page.waitForFunction(() => (window as LoupeHook).__loupe !== undefined);
}

async function setSource(page: Page, source: string): Promise<void> {
  await page.evaluate((text) => {
    const model = (window as LoupeHook).__loupe!.editor.getModel();
    if (!model) throw new Error('editor has no model');
    model.setValue(text);
  }, source);
}

const NESTS = `for t in range(10):
    for i in range(1, n - 1):
        x[i] = y[i - 1] + y[i + 1]

while k < 3:
    for j in range(0, m, 2):
        z[j] = 0
`;

test('lists the loops of the default snippet, then of edited text', async ({ page, guard }) => {
  await openApp(page);
  await expect(page.getByTestId('diagnostics')).toHaveAttribute('data-count', '0');
  const defaultCount = await page.getByTestId('loop-item').count();
  expect(defaultCount).toBeGreaterThanOrEqual(3);

  await setSource(page, NESTS);

  const items = page.getByTestId('loop-item');
  await expect(items).toHaveCount(3);
  await expect.poll(() => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-line')))).toEqual(['1', '2', '6']);
  await expect.poll(() => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-depth')))).toEqual(['0', '1', '0']);
  await expect(items.nth(0)).toContainText('for t in range(0, 10, 1)');
  await expect(items.nth(1)).toContainText('for i in range(1, n - 1, 1)');
  await expect(items.nth(2)).toContainText('for j in range(0, m, 2)');
  await expect(page.getByTestId('diagnostics')).toHaveAttribute('data-count', '0');

  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}smoke.png`, fullPage: true });
  expect(guard.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
});

test('broken Python shows a diagnostic in the panel and in the editor', async ({ page }) => {
  await openApp(page);

  await setSource(page, 'for i in range(n)\n    a[i] = 1\n');

  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics).not.toHaveAttribute('data-count', '0');
  await expect(diagnostics.getByTestId('diagnostic-item').first()).toContainText(/syntax/i);
  await expect
    .poll(() => page.evaluate(() => (window as LoupeHook).__loupe!.monaco.editor.getModelMarkers({ owner: 'loupe' }).length))
    .toBeGreaterThan(0);

  // Fixing the text clears both.
  await setSource(page, 'for i in range(n):\n    a[i] = 1\n');
  await expect(diagnostics).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('loop-item')).toHaveCount(1);
  await expect
    .poll(() => page.evaluate(() => (window as LoupeHook).__loupe!.monaco.editor.getModelMarkers({ owner: 'loupe' }).length))
    .toBe(0);
});
