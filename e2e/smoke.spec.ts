import { expect, openApp, screenshot, setSource, test } from './fixtures';
import type { LoupeHook } from './guard';

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
  // The `while` loop is reported as an info diagnostic (not analysed itself), never as an error.
  await expect(page.getByTestId('diagnostics')).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('diagnostic-item')).toHaveCount(1);
  await expect(page.getByTestId('diagnostic-item')).toContainText('while');

  await screenshot(page, 'smoke', { docs: false });
  expect(guard.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
});

test('broken Python shows a diagnostic in the panel and in the editor', async ({ page }) => {
  await openApp(page);

  await setSource(page, 'for i in range(n)\n    a[i] = 1\n');

  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics).not.toHaveAttribute('data-errors', '0');
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
