import { decodeShared } from '../web/src/state/permalink';
import { expect, getSource, loadExample, openApp, selectTab, test, waitForAnalysis } from './fixtures';

test('the URL holds the whole state: a fresh page opening it sees the same thing', async ({ page, browser }) => {
  await openApp(page);
  await loadExample(page, 'teaching/staging_offset_dependent');
  // Change a runtime value, select the loop and a dependence, and end on the vectors tab.
  await selectTab(page, 'runtime');
  await page.getByTestId('value-k').fill('0');
  await expect(page.locator('[data-testid="stage-row"] [data-testid="stage-runtime"]')).toContainText('parallel');
  await selectTab(page, 'verdicts');
  await page.getByTestId('loop-item').first().locator('button.loop-head').click();
  await selectTab(page, 'vectors');
  await page.getByTestId('vector-row').first().click();
  await expect(page.getByTestId('vector-row').first()).toHaveAttribute('aria-selected', 'true');

  await expect.poll(() => decodeShared(new URL(page.url()).hash)?.selectedDep).toBe(0);
  const url = page.url();
  const shared = decodeShared(new URL(url).hash)!;
  expect(shared.overrides).toEqual({ k: '0' });
  expect(shared.selectedLoop).toBe(0);
  expect(shared.selectedDep).toBe(0);
  const source = await getSource(page);
  expect(shared.source).toBe(source);

  // A different browser context: nothing shared but the URL.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  await fresh.goto(url);
  await fresh.waitForFunction(() => (window as unknown as { __loupe?: unknown }).__loupe !== undefined);
  await waitForAnalysis(fresh);
  expect(await getSource(fresh)).toBe(source);
  await expect(fresh.getByTestId('tab-vectors')).toHaveAttribute('aria-selected', 'true');
  await expect(fresh.getByTestId('vector-row').first()).toHaveAttribute('aria-selected', 'true');
  await selectTab(fresh, 'runtime');
  await expect(fresh.getByTestId('value-k')).toHaveValue('0');
  await expect(fresh.locator('[data-testid="stage-row"] [data-testid="stage-runtime"]')).toContainText('parallel');
  await selectTab(fresh, 'verdicts');
  await expect(fresh.getByTestId('loop-item').first()).toHaveClass(/open/);
  await expect(fresh.getByTestId('loop-item').first()).toHaveAttribute('data-verdict', 'parallel');
  await expect.poll(() => decodeShared(new URL(fresh.url()).hash)).toEqual({ ...shared, tab: 'verdicts' });
  expect(errors).toEqual([]);
  await context.close();
});

test('Copy link puts the current address on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(decodeShared(new URL(copied).hash)?.source).toBe(await getSource(page));
});

test('pasting another link into the same tab restores that state', async ({ page }) => {
  await openApp(page);
  const { encodeShared, sharedDefaults } = await import('./fixtures');
  const other = encodeShared({ ...sharedDefaults('for q in range(5):\n    z[q] = z[q] + 1\n'), tab: 'graph' });
  await page.evaluate((h) => {
    location.hash = h;
  }, other);
  await expect.poll(() => getSource(page)).toBe('for q in range(5):\n    z[q] = z[q] + 1\n');
  await expect(page.getByTestId('tab-graph')).toHaveAttribute('aria-selected', 'true');
});
