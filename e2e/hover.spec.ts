import { editorPoint, encodeShared, exampleSource, expect, nodeReport, openApp, sharedDefaults, test } from './fixtures';

test('hovering a subscript lists its dependences; hovering a loop gives its verdict', async ({ page }) => {
  const id = 'teaching/strong_siv_flow_distance_one';
  const r = await nodeReport(exampleSource(id));
  const dep = r.dependences[0]!;
  await openApp(page, encodeShared(sharedDefaults(exampleSource(id))));

  // The read a[i - 1]: its flow dependence, distance and carrier.
  const read = dep.sink;
  expect(read.text).toBe('a[i - 1]');
  const p = await editorPoint(page, read.line, read.column + 3);
  await page.mouse.move(p.x - 8, p.y);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  const hover = page.locator('.hover-contents').filter({ hasText: 'dependence' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('a[i - 1]');
  await expect(hover).toContainText('flow');
  await expect(hover).toContainText('strong SIV test');
  await expect(hover).toContainText('distance (1)');
  await expect(hover).toContainText(`carried by loop i (line ${r.loops[0]!.line})`);

  // Move away, then onto the loop header.
  await page.mouse.move(5, 5);
  await expect(hover).toBeHidden();
  const loop = r.loops[0]!;
  const q = await editorPoint(page, loop.line, loop.column + 2);
  await page.mouse.move(q.x - 8, q.y);
  await page.mouse.move(q.x, q.y, { steps: 4 });
  const loopHover = page.locator('.hover-contents').filter({ hasText: 'Loop i: sequential' });
  await expect(loopHover).toBeVisible();
  await expect(loopHover).toContainText('Holding it back');
});
