/**
 * The server half of the explorer: NVRTC compile in the CUDA pane, a run in CPU emulation in the Run pane,
 * and a short link that freezes the run and restores it in a fresh browser context.
 */
import type { Page } from '@playwright/test';
import { guardPage, type LoupeHook } from './guard';
import { exampleSource, expect, getSource, openApp, screenshot, selectTab, setSource, test, waitForAnalysis } from './fixtures';

// GEMM at tiny sizes: a run (CPython reference + g++ emulation) takes a few seconds even on a busy machine.
const SMALL = '# loupe: ni=6, nj=5, nk=4, alpha=1.5, beta=1.2, A=float64[6,4], B=float64[4,5], C=float64[6,5]';
const GEMM = exampleSource('benchmarks/gemm').replace(/^# loupe:.*$/m, SMALL);

async function runEmulation(page: Page): Promise<void> {
  // From the keyboard: Alt+7 opens the Run pane and focuses it.
  await page.keyboard.press('Alt+7');
  await expect(page.getByTestId('tab-run')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('panel-run')).toBeFocused();
  const pane = page.getByTestId('run-pane');
  // Sizes are prefilled from the `# loupe:` values.
  await expect(pane.getByTestId('run-size-ni')).toHaveValue('6');
  await expect(pane.getByTestId('run-size-A')).toHaveValue('float64[6,4]');
  await pane.getByTestId('runner-python').uncheck();
  await pane.getByTestId('runner-gpu').uncheck();
  await expect(pane.getByTestId('runner-cpu-emulation')).toBeChecked();
  await pane.getByTestId('run-repetitions').fill('1');
  // Enter in a field submits the form (same as the Run button).
  await pane.getByTestId('run-repetitions').press('Enter');
  await expect(pane.getByTestId('run-progress')).toBeVisible();
  await expect(pane.getByTestId('run-results')).toBeVisible({ timeout: 60_000 });
  await expect(pane.getByTestId('run-progress')).toHaveCount(0);
}

test.describe('server: compile, run, share', () => {
  test.describe.configure({ timeout: 90_000 });

  test('Compile with NVRTC shows the PTX, compiler, version, time and log (or why there is no compiler)', async ({
    page,
    request,
    guard,
  }) => {
    // The first NVRTC compile loads the library (tens of MB): on a loaded 2-core machine it can take 20 s+.
    test.setTimeout(90_000);
    const health = (await (await request.get('/api/health')).json()) as {
      capabilities: Record<string, { available: boolean; detail: string }>;
    };
    const { nvrtc, nvcc } = health.capabilities;
    await openApp(page);
    await setSource(page, GEMM);
    await selectTab(page, 'cuda');
    await page.getByTestId('compile-button').click();
    if (nvrtc?.available || nvcc?.available) {
      const info = page.getByTestId('compile-info');
      await expect(info).toBeVisible({ timeout: 60_000 });
      await expect(info).toContainText(/Compiled by (nvrtc|nvcc) \d+\.\d+.* in \d+(\.\d)? ms/);
      if (nvrtc?.available) await expect(page.getByTestId('compile-compiler')).toHaveText('nvrtc');
      await expect(page.getByTestId('compile-ptx')).toContainText('.entry kernel_');
      await expect(page.getByTestId('compile-ptx')).toContainText('.version');
      await expect(page.getByTestId('compile-log')).toBeAttached();
      await expect(page.getByTestId('compile-stale')).toHaveCount(0);
      await screenshot(page, 'cuda-ptx');
    } else {
      console.log(`[run.spec] no CUDA compiler on this server (nvrtc: ${nvrtc?.detail}; nvcc: ${nvcc?.detail}): asserting the 503 message`);
      const error = page.getByTestId('compile-error');
      await expect(error).toBeVisible({ timeout: 60_000 });
      await expect(error).toHaveAttribute('data-status', '503');
      await expect(error).toContainText('No CUDA compiler on this server');
      await expect(error).toContainText('nvrtc');
      // Chromium logs every non-2xx fetch as a console error; this one is the expected 503.
      const expected = (e: string): boolean => /status of 503/.test(e);
      guard.errors.splice(0, guard.errors.length, ...guard.errors.filter((e) => !expected(e)));
    }
  });

  test('compile errors read clearly: 503 names what is missing, 422 says there is nothing to compile', async ({ page, guard }) => {
    // The server's replies are stubbed here (the real 503 needs a machine without NVRTC and nvcc).
    const replies = [
      { status: 503, body: { error: 'no CUDA compiler', missing: { nvrtc: 'libnvrtc.so not found in /x', nvcc: 'nvcc not on PATH' } } },
      { status: 422, body: { error: 'nothing to compile', notes: ['no parallel loop'] } },
    ];
    let next = 0;
    await page.route('**/api/compile', (route) =>
      route.fulfill({ status: replies[next]!.status, contentType: 'application/json', body: JSON.stringify(replies[next++]!.body) }),
    );
    await openApp(page);
    await setSource(page, GEMM);
    await selectTab(page, 'cuda');
    const error = page.getByTestId('compile-error');
    await page.getByTestId('compile-button').click();
    await expect(error).toHaveAttribute('data-status', '503');
    await expect(error).toContainText(
      'No CUDA compiler on this server, so no PTX: nvrtc: libnvrtc.so not found in /x; nvcc: nvcc not on PATH',
    );
    await page.getByTestId('compile-button').click();
    await expect(error).toHaveAttribute('data-status', '422');
    await expect(error).toContainText('Nothing to compile (422): nothing to compile — no parallel loop');
    await expect(page.getByTestId('compile-ptx')).toHaveCount(0);
    const expected = (e: string): boolean => /status of (503|422)/.test(e);
    guard.errors.splice(0, guard.errors.length, ...guard.errors.filter((e) => !expected(e)));
  });

  test('Run in CPU emulation: correctness badge, log-scale bars with times, no-GPU statement', async ({ page }) => {
    await openApp(page);
    await setSource(page, GEMM);
    await runEmulation(page);
    const pane = page.getByTestId('run-pane');
    const badge = pane.getByTestId('run-badge');
    await expect(badge).toHaveAttribute('data-correct', 'true');
    await expect(badge).toContainText('✓ matches CPython within the stated tolerance');
    await expect(badge).toContainText('float64: rtol');
    await expect(pane.getByTestId('run-no-gpu')).toContainText(
      'No GPU on this server: correctness verified by CPU emulation; emulation times are not GPU timings',
    );
    await expect(pane.getByTestId('run-device')).toHaveCount(0);
    // One bar per runner that reported a time (CPython here; the emulation has no time, by design).
    const rows = pane.getByTestId('run-row');
    await expect(rows.filter({ has: page.locator('th', { hasText: 'CPU emulation' }) })).toContainText('✓ max error');
    await expect(rows.filter({ has: page.locator('th', { hasText: 'CPU emulation' }) })).toContainText('not a GPU timing');
    const bars = pane.getByTestId('run-bar');
    await expect(bars).toHaveCount(1);
    await expect(bars.first()).toHaveAttribute('data-runner', 'cpython');
    expect(Number(await bars.first().getAttribute('data-ms'))).toBeGreaterThan(0);
    await expect(bars.first().getByTestId('run-bar-value')).toHaveText(/^\d+(\.\d+)? (ns|µs|ms|s)$/);
    expect(Number(await bars.first().locator('rect').getAttribute('width'))).toBeGreaterThan(0);
    // No bar is labelled as a GPU time.
    await expect(pane.getByTestId('run-chart')).not.toContainText('GPU');
    await expect(pane.getByTestId('run-versions')).toContainText('python');
    await expect(page.getByTestId('tab-run')).toContainText('✓');
    await screenshot(page, 'run');
  });

  test('Share: a short link restores source, values, view and the frozen results in a fresh context', async ({
    page,
    browser,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page);
    await setSource(page, GEMM);
    await runEmulation(page);
    const pane = page.getByTestId('run-pane');
    await expect(pane.getByTestId('run-badge')).toHaveAttribute('data-correct', 'true');
    // A value typed in the Run pane after the run: shared as a binding; the results then read as stale.
    await pane.getByTestId('run-size-alpha').fill('2.5');
    await expect(pane.getByTestId('run-stale')).toBeVisible();
    const badgeText = await pane.getByTestId('run-badge').textContent();
    const barMs = await pane.getByTestId('run-bar').first().getAttribute('data-ms');

    await page.getByTestId('share').click();
    const shareUrl = page.getByTestId('share-url');
    await expect(shareUrl).toBeVisible();
    const url = await shareUrl.inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[0-9A-Za-z]{8}$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const id = url.split('/s/')[1]!;

    // Nothing shared with the first page but the short URL.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const freshGuard = await guardPage(other, fresh);
    await other.goto(url);
    await expect(other).toHaveURL(new RegExp(`/#s=${id}$|/#c=`));
    await other.waitForFunction(() => (window as LoupeHook).__loupe !== undefined);
    await expect.poll(() => getSource(other), { timeout: 15_000 }).toBe(GEMM);
    await waitForAnalysis(other);
    await expect(other.getByTestId('tab-run')).toHaveAttribute('aria-selected', 'true');
    const restored = other.getByTestId('run-pane');
    await expect(restored.getByTestId('run-frozen')).toContainText('Results frozen at share time');
    await expect(restored.getByTestId('run-badge')).toHaveText(badgeText!);
    await expect(restored.getByTestId('run-bar')).toHaveCount(1);
    await expect(restored.getByTestId('run-bar').first()).toHaveAttribute('data-ms', barMs!);
    await expect(restored.getByTestId('run-no-gpu')).toBeVisible();
    await expect(restored.getByTestId('run-size-alpha')).toHaveValue('2.5');
    // The results were measured with alpha = 1.5: still said after the round trip.
    await expect(restored.getByTestId('run-stale')).toBeVisible();
    await expect(restored.getByTestId('run-size-A')).toHaveValue('float64[6,4]');
    await expect(restored.getByTestId('runner-cpu-emulation')).toBeChecked();
    await expect(restored.getByTestId('runner-python')).not.toBeChecked();
    await expect(restored.getByTestId('run-repetitions')).toHaveValue('1');
    await expect(other.getByTestId('link-status')).toHaveCount(0);
    await screenshot(other, 'run-shared', { docs: false });
    expect(freshGuard.offHost).toEqual([]);
    expect(freshGuard.errors).toEqual([]);
    await fresh.close();
  });
});
