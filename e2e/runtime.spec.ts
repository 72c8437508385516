import { decorationsWithClass, expect, openApp, screenshot, selectTab, setSource, test } from './fixtures';

const SOURCE = `# Staging: does a[i + k] = a[i] let iterations run at once? It depends on k.
def shift(a, n, k):
    for i in range(n):
        a[i + k] = a[i] * 0.5


# loupe: n=8, k=0, a=float64[16]
`;

test('runtime values: prefilled from # loupe:, k = 0 parallel, k = 1 sequential, changes marked', async ({ page }) => {
  await openApp(page);
  await setSource(page, SOURCE);
  await selectTab(page, 'runtime');

  // Every free symbol and array, prefilled from the comment.
  const rows = page.getByTestId('value-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('value-n')).toHaveValue('8');
  await expect(page.getByTestId('value-k')).toHaveValue('0');
  await expect(page.getByTestId('value-a-dtype')).toHaveValue('float64');
  await expect(page.getByTestId('value-a-0')).toHaveValue('16');
  await expect(page.locator('[data-testid="value-row"][data-name="k"]')).toHaveAttribute('data-source', 'comment');

  // Static and runtime verdicts side by side; the change is marked.
  const stage = page.getByTestId('stage-row').first();
  await expect(stage.getByTestId('stage-static')).toContainText('unknown');
  await expect(stage.getByTestId('stage-runtime')).toContainText('parallel');
  await expect(stage).toHaveAttribute('data-changed', 'true');
  await expect(stage.getByTestId('stage-runtime')).toContainText('changed');
  await expect(page.getByTestId('tab-runtime')).toContainText('1 changed');
  await expect.poll(async () => (await decorationsWithClass(page, 'loupe-glyph-parallel')).map((d) => d.line)).toEqual([3]);

  // k = 1: iteration i + 1 reads what iteration i wrote.
  await page.getByTestId('value-k').fill('1');
  await expect(stage.getByTestId('stage-runtime')).toContainText('sequential');
  await expect(page.locator('[data-testid="value-row"][data-name="k"]')).toHaveAttribute('data-source', 'panel');
  await expect.poll(async () => (await decorationsWithClass(page, 'loupe-glyph-sequential')).map((d) => d.line)).toEqual([3]);
  await screenshot(page, 'runtime-values');
  await selectTab(page, 'verdicts');
  const loop = page.getByTestId('loop-item').first();
  await expect(loop).toHaveAttribute('data-verdict', 'sequential');
  await expect(loop.getByTestId('loop-stages')).toContainText('Text alone');
  await expect(loop.getByTestId('loop-explanation')).toContainText('sequential');

  // Unbinding k: nothing decides it any more.
  await selectTab(page, 'runtime');
  await page.getByTestId('value-k').fill('');
  await expect(stage.getByTestId('stage-runtime')).not.toContainText('parallel');
  // Back to the comment's values.
  await page.getByRole('button', { name: /Back to the comment/ }).click();
  await expect(page.getByTestId('value-k')).toHaveValue('0');
  await expect(stage.getByTestId('stage-runtime')).toContainText('parallel');
});

test('a bad value is reported and left out', async ({ page }) => {
  await openApp(page);
  await setSource(page, SOURCE);
  await selectTab(page, 'runtime');
  await page.getByTestId('value-k').fill('two');
  await expect(page.getByTestId('binding-error')).toContainText('k');
  await expect(page.getByTestId('stage-row').first().getByTestId('stage-runtime')).not.toContainText('parallel');
});
