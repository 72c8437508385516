import {
  decorationsWithClass,
  encodeShared,
  exampleIds,
  exampleSource,
  expect,
  loadExample,
  nodeReport,
  openApp,
  screenshot,
  selectTab,
  setSource,
  sharedDefaults,
  test,
} from './fixtures';

/** Several examples across the verdicts: each loop's verdict and explanation on screen equal the Node report's. */
const EXAMPLES = [
  'teaching/strong_siv_flow_distance_one',
  'teaching/verdict_reduction_sum',
  'teaching/verdict_privatizable_temp',
  'teaching/verdict_unknown_call',
  'teaching/banerjee_far_offset',
  'teaching/staging_offset_dependent',
  'benchmarks/gemm',
];

test('verdicts and explanations match the analysis for several examples', async ({ page }) => {
  await openApp(page);
  for (const id of EXAMPLES) {
    await loadExample(page, id);
    const expected = await nodeReport(exampleSource(id));
    const items = page.getByTestId('loop-item');
    await expect(items, id).toHaveCount(expected.loops.length);
    for (const [k, loop] of expected.loops.entries()) {
      const item = items.nth(k);
      await expect(item, `${id} loop ${loop.line}`).toHaveAttribute('data-verdict', loop.verdict);
      await expect(item).toHaveAttribute('data-line', String(loop.line));
      await expect(item.getByTestId('loop-verdict')).toHaveText(/parallel|reduction|privatized|sequential|unknown/);
      await expect(item.getByTestId('loop-explanation')).toHaveText(loop.explanation);
    }
    // The editor shows one gutter badge and one verdict decoration per loop.
    await expect
      .poll(async () => (await decorationsWithClass(page, 'loupe-glyph')).map((d) => d.line))
      .toEqual(expected.loops.map((l) => l.line));
    for (const loop of expected.loops)
      expect(await decorationsWithClass(page, `loupe-glyph-${loop.verdict}`)).toContainEqual(expect.objectContaining({ line: loop.line }));
  }
});

test('show the work typesets the deciding test, and a dependence highlights source and sink', async ({ page }) => {
  const id = 'teaching/strong_siv_flow_distance_one';
  const expected = await nodeReport(exampleSource(id));
  const dep = expected.dependences[0]!;
  await openApp(page, encodeShared(sharedDefaults(exampleSource(id))));

  const item = page.locator(`[data-testid="dep-item"][data-dep="${dep.id}"]`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId('dep-explanation')).toHaveText(dep.explanation);
  await expect(item.getByTestId('witness')).toContainText(`(i=${dep.witness!.source.i}) → (i=${dep.witness!.sink.i})`);

  await item.getByTestId('show-work').locator('summary').click();
  const tests = item.getByTestId('work-test');
  await expect(tests).toHaveCount(dep.workIds.length);
  const texSteps = dep.workIds.flatMap((k) => expected.works[k]!.steps).filter((s) => s.tex !== undefined).length;
  expect(texSteps).toBeGreaterThan(0);
  await expect(item.locator('.katex')).toHaveCount(texSteps);
  await expect(item.locator(`[data-test="${dep.decidedBy}"]`)).toContainText('decides');

  await item.locator('button.dep-head').click();
  await expect(item).toHaveClass(/selected/);
  const col = (c: number): number => c + 1;
  await expect
    .poll(() => decorationsWithClass(page, 'loupe-hl-source'))
    .toEqual([
      { line: dep.source.line, column: col(dep.source.column), endLine: dep.source.endLine, endColumn: col(dep.source.endColumn) },
    ]);
  await expect
    .poll(() => decorationsWithClass(page, 'loupe-hl-sink'))
    .toEqual([{ line: dep.sink.line, column: col(dep.sink.column), endLine: dep.sink.endLine, endColumn: col(dep.sink.endColumn) }]);
  await expect(page.locator('.monaco-editor .loupe-hl-source').first()).toBeVisible();
  await expect(page.locator('.monaco-editor .loupe-hl-sink').first()).toBeVisible();
  await screenshot(page, 'verdicts');

  // Clicking it again clears the highlight.
  await item.locator('button.dep-head').click();
  await expect.poll(() => decorationsWithClass(page, 'loupe-hl-source')).toEqual([]);
});

test('every example analyses in the browser with the same verdicts as in Node', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await selectTab(page, 'cuda'); // the lightest pane: this test is about the analysis and the editor
  const mismatches: string[] = [];
  for (const id of exampleIds()) {
    const source = exampleSource(id);
    await setSource(page, source);
    const expected = await nodeReport(source);
    const want = expected.loops.map((l) => `${l.line}:${l.verdict}`);
    const got = await gutterVerdicts(page);
    if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${id}: browser ${got.join(' ')} vs node ${want.join(' ')}`);
  }
  expect(mismatches).toEqual([]);
});

/** `line:verdict` for every gutter badge, from the editor's decorations. */
async function gutterVerdicts(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Deco {
      range: { startLineNumber: number };
      options: { glyphMarginClassName?: string | null };
    }
    const model = (window as unknown as { __loupe: { editor: { getModel(): { getAllDecorations(): Deco[] } } } }).__loupe.editor.getModel();
    return model
      .getAllDecorations()
      .map((d) => ({ line: d.range.startLineNumber, m: /loupe-glyph-(\w+)/.exec(d.options.glyphMarginClassName ?? '') }))
      .filter((d) => d.m !== null)
      .sort((a, b) => a.line - b.line)
      .map((d) => `${d.line}:${d.m![1]}`);
  });
}
