import type { Report } from '@loupe/analysis-core';
import { edgeKey } from '../web/src/layout/graph';
import { stronglyConnected } from '../web/src/layout/scc';
import { encodeShared, exampleSource, expect, nodeCuda, nodeReport, openApp, screenshot, sharedDefaults, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Opens an example by permalink on a given tab. */
async function open(page: Page, id: string, tab: 'graph' | 'space' | 'vectors' | 'cuda'): Promise<Report> {
  await openApp(page, encodeShared({ ...sharedDefaults(exampleSource(id)), tab }));
  await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  return nodeReport(exampleSource(id));
}

function cyclicComponents(r: Report): number {
  const c = stronglyConnected(
    r.statements.map((s) => s.id),
    r.dependences.map((d) => [d.source.statement, d.sink.statement] as const),
  );
  return c.cyclic.filter(Boolean).length;
}

for (const id of ['teaching/imperfect_nest_two_inner_loops', 'benchmarks/jacobi_2d', 'teaching/verdict_privatizable_swap']) {
  test(`dependence graph of ${id}: one node per statement, every dependence drawn, cycles marked`, async ({ page }) => {
    const r = await open(page, id, 'graph');
    const svg = page.getByTestId('graph-svg');
    await expect(svg.getByTestId('graph-node')).toHaveCount(r.statements.length);
    const edges = svg.getByTestId('graph-edge');
    await expect(edges).toHaveCount(new Set(r.dependences.map(edgeKey)).size);
    const counts = await edges.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(r.dependences.length);
    const carriedDrawn = await edges.evaluateAll((els) =>
      els.filter((e) => e.getAttribute('data-carried') === 'true').map((e) => Number(e.getAttribute('data-count'))),
    );
    expect(carriedDrawn.reduce((a, b) => a + b, 0)).toBe(r.dependences.filter((d) => d.carrier !== null).length);
    await expect(page.getByTestId('graph-summary')).toHaveAttribute('data-cycles', String(cyclicComponents(r)));
    // Labels carry kind and direction vector.
    const d0 = r.dependences[0];
    if (d0)
      await expect(svg.locator(`[data-testid="graph-edge"][data-deps~="${d0.id}"] text`)).toContainText(
        `${d0.kind} (${d0.direction.join(', ')})`,
      );
    if (id === 'teaching/imperfect_nest_two_inner_loops') await screenshot(page, 'graph');
  });
}

test('iteration space, 1-D: a distance-1 recurrence is a chain', async ({ page }) => {
  const r = await open(page, 'teaching/strong_siv_flow_distance_one', 'space');
  // `# loupe: n=8` → i in range(1, 8): 7 points, 6 arrows, 7 steps (sequential).
  expect(r.loops[0]!.bounds).toEqual({ start: '1', stop: 'n', step: '1' });
  const summary = page.getByTestId('space-summary');
  await expect(summary).toHaveAttribute('data-dims', '1');
  await expect(summary).toHaveAttribute('data-points', '7');
  await expect(summary).toHaveAttribute('data-arrows', '6');
  await expect(summary).toHaveAttribute('data-steps', '7');
  await expect(page.getByTestId('space-point')).toHaveCount(7);
  await expect(page.getByTestId('space-arrow')).toHaveCount(6);
  await expect(page.locator('[data-testid="space-arrow"][data-witness="true"]')).toHaveCount(1);

  // Smaller drawing values redraw it.
  await page.getByTestId('space-draw-n').fill('4');
  await expect(page.getByTestId('space-point')).toHaveCount(3);
  await expect(page.getByTestId('space-arrow')).toHaveCount(2);
});

test('iteration space, 2-D: a wavefront has n + m - 1 steps', async ({ page }) => {
  await open(page, 'teaching/verdict_sequential_wavefront', 'space');
  // range(1, 6) × range(1, 8) with n = 6, m = 8 from the comment.
  const summary = page.getByTestId('space-summary');
  await expect(summary).toHaveAttribute('data-dims', '2');
  await expect(page.getByTestId('space-point')).toHaveCount(5 * 7);
  await expect(page.getByTestId('space-arrow')).toHaveCount(4 * 7 + 5 * 6);
  await expect(summary).toHaveAttribute('data-steps', String(5 + 7 - 1));
  await screenshot(page, 'iteration-space');
});

test('iteration space, 3-D: two loops drawn, the third held at a chosen slice', async ({ page }) => {
  const r = await open(page, 'benchmarks/heat_3d', 'space');
  const [t, i, j] = r.loops;
  await page.getByTestId('space-outer').selectOption(String(i!.id));
  await expect(page.getByTestId('space-inner')).toHaveValue(String(j!.id));
  await page.getByTestId('space-draw-n').fill('6');
  // i, j in range(1, n - 1) = 1..4: 16 points; t is held fixed (a select), k folds into each point.
  await expect(page.getByTestId('space-point')).toHaveCount(16);
  await expect(page.getByTestId(`space-fixed-${t!.var}`)).toBeVisible();
  await expect(page.getByTestId('space-summary')).toHaveAttribute('data-steps', '1');
  await page.getByTestId(`space-fixed-${t!.var}`).selectOption('3');
  await expect(page.getByTestId('space-summary')).toContainText('t = 3');
});

test('vectors table: every dependence with kind, direction, distance and test', async ({ page }) => {
  const r = await open(page, 'teaching/exact_test_transpose_full', 'vectors');
  const rows = page.getByTestId('vector-row');
  await expect(rows).toHaveCount(r.dependences.length);
  for (const [k, d] of r.dependences.entries()) {
    await expect(rows.nth(k).getByTestId('vector-direction')).toHaveText(`(${d.direction.join(', ')})`);
    await expect(rows.nth(k).getByTestId('vector-distance')).toHaveText(`(${d.distance.map((x) => (x === null ? '·' : x)).join(', ')})`);
    await expect(rows.nth(k)).toContainText(d.kind);
  }
  await rows.first().click();
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, 'vectors');
});

test('CUDA pane: the generated kernel, read-only, equal to the generator run in Node', async ({ page }) => {
  const id = 'benchmarks/gemm';
  await open(page, id, 'cuda');
  const expected = await nodeCuda(exampleSource(id));
  const shown = (): Promise<string> =>
    page.evaluate(() => {
      const hook = (
        window as unknown as { __loupe: { monaco: { editor: { getModels(): { getLanguageId(): string; getValue(): string }[] } } } }
      ).__loupe;
      return (
        hook.monaco.editor
          .getModels()
          .find((m) => m.getLanguageId() === 'cpp')
          ?.getValue() ?? ''
      );
    });
  await expect.poll(shown).toBe(expected);
  await expect(page.getByTestId('cuda-editor').locator('.view-lines')).toContainText('__global__');
  await expect(page.getByTestId('kernel-item')).toHaveCount((expected.match(/__global__/g) ?? []).length);
  await expect(page.getByTestId('kernel-item').first()).toContainText('→ y');
  // Read-only: typing changes nothing.
  await page.getByTestId('cuda-editor').locator('.view-line').first().click();
  await page.keyboard.type('xyz');
  expect(await shown()).toBe(expected);
  await screenshot(page, 'cuda');
});
