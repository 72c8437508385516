import { exampleIds, exampleSource, expect, getSource, openApp, screenshot, setSource, test, waitForAnalysis } from './fixtures';
import type { Page } from '@playwright/test';

const focusedTestId = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);

test('keyboard: Alt+digit opens panes, arrows move between tabs, Alt+0 returns to the editor, Alt+E examples', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('tab-space')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => focusedTestId(page)).toBe('panel-space');

  await page.getByTestId('tab-space').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-vectors')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => focusedTestId(page)).toBe('tab-vectors');
  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-run')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-verdicts')).toBeFocused();
  await expect(page.getByTestId('tab-verdicts')).toHaveAttribute('tabindex', '0');
  await expect(page.getByTestId('tab-graph')).toHaveAttribute('tabindex', '-1');

  await page.keyboard.press('Alt+0');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);

  // Examples from the keyboard alone: Alt+E, type, arrow down, Enter.
  await page.keyboard.press('Alt+E');
  await expect(page.getByTestId('gallery')).toBeVisible();
  await expect(page.getByTestId('gallery-search')).toBeFocused();
  await page.keyboard.type('wavefront');
  await expect(page.getByTestId('example-item')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gallery')).toBeHidden();
  await expect.poll(() => getSource(page)).toBe(exampleSource('teaching/verdict_sequential_wavefront'));
  await waitForAnalysis(page);
  await page.keyboard.press('Alt+E');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gallery')).toBeHidden();
});

test('examples gallery: every example, each with a summary, searchable', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-gallery').click();
  const items = page.getByTestId('example-item');
  await expect(items).toHaveCount(exampleIds().length);
  await expect(page.getByTestId('gallery-count')).toHaveAttribute('data-count', String(exampleIds().length));
  const summaries = await items.locator('.example-summary').allTextContents();
  expect(summaries.every((s) => s.length > 10)).toBe(true);
  await page.getByTestId('gallery-search').fill('reduction');
  const n = await items.count();
  expect(n).toBeGreaterThan(3);
  expect(n).toBeLessThan(exampleIds().length);
  for (const text of await items.allTextContents()) expect(text.toLowerCase()).toContain('reduction');
  await screenshot(page, 'gallery');
  await page.getByTestId('gallery-search').fill('gemm');
  await expect(page.locator('[data-testid="example-item"][data-id="benchmarks/gemm"]')).toBeVisible();
});

test('presentation mode and themes', async ({ page }) => {
  await openApp(page);
  const fontSize = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).fontSize);
  const editorFont = (): Promise<number> =>
    page.evaluate(() => {
      const line = document.querySelector('.monaco-editor .view-line') as HTMLElement | null;
      return line ? parseFloat(getComputedStyle(line).fontSize) : 0;
    });
  expect(await fontSize()).toBe('14px');
  const before = await editorFont();
  await page.getByTestId('toggle-presentation').click();
  await expect(page.locator('html')).toHaveClass(/presentation/);
  expect(await fontSize()).toBe('20px');
  await expect.poll(editorFont).toBeGreaterThan(before + 5);

  const theme = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('Alt+T');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme ?? '');
  await page.getByTestId('toggle-theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme ?? '');
  if (theme !== 'dark') await page.getByTestId('toggle-theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.monaco-editor.vs-dark')).toBeVisible();
  await page.getByTestId('toggle-theme').click();
  await expect(page.locator('.monaco-editor.vs')).toBeVisible();
  await page.getByTestId('toggle-theme').click();

  // Preferences survive a reload (they are per browser, not in links).
  await page.reload();
  await waitForAnalysis(page);
  await expect(page.locator('html')).toHaveClass(/presentation/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'presentation-dark');
});

test('no layout jumps while typing', async ({ page }) => {
  await openApp(page);
  const boxes = (): Promise<string> =>
    page.evaluate(() =>
      JSON.stringify(
        ['.editor-host', '.tabs', '#panel-verdicts', '.diagnostics', '.editor-status', '.app-header'].map((sel) => {
          const r = document.querySelector(sel)!.getBoundingClientRect();
          return [sel, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
        }),
      ),
    );
  const start = await boxes();
  // Type for real at the end of the first line (a comment), then break and fix the code.
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('End');
  for (const ch of ' typing more text') {
    await page.keyboard.type(ch);
    expect(await boxes()).toBe(start);
  }
  await waitForAnalysis(page);
  expect(await boxes()).toBe(start);
  const src = await getSource(page);
  await setSource(page, src.replace('range(1, n)', 'range(1, n'));
  expect(await boxes()).toBe(start);
  await setSource(page, src);
  expect(await boxes()).toBe(start);
});
