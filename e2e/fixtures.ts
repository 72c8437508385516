/**
 * Shared Playwright fixtures: every test gets a page guard (no request may leave 127.0.0.1, no console or
 * page errors), plus helpers to drive the app and to compute the same Report in Node for comparison.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeParsed, analyzeSource, bindingsFromComment, parseBindings, NO_BINDINGS, type Report } from '../analysis-core/src/index';
import { generate } from '../analysis-core/src/codegen/generate';
import { nodeParser } from '../analysis-core/node/parser';
import { guardPage, type LoupeHook, type PageGuard } from './guard';

export { expect };

export const test = base.extend<{ guard: PageGuard }>({
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

const screenshots = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));
const docsScreenshots = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/**
 * Saves a screenshot to e2e/artifacts/screenshots/; with LOUPE_DOCS_SCREENSHOTS=1 also copies it to
 * docs/screenshots/ (the README's pictures), so ordinary test runs leave the working tree alone.
 */
export async function screenshot(page: Page, name: string, { docs = true }: { docs?: boolean } = {}): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  const path = `${screenshots}${name}.png`;
  await page.screenshot({ path });
  if (docs && process.env.LOUPE_DOCS_SCREENSHOTS === '1') {
    mkdirSync(docsScreenshots, { recursive: true });
    copyFileSync(path, `${docsScreenshots}${name}.png`);
  }
}

/** Opens the app (optionally at a hash) and waits until the editor hook is installed and verdicts are shown. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page).toHaveTitle('Loupe');
  await page.waitForFunction(() => (window as LoupeHook).__loupe !== undefined);
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-shown-version', '');
  await waitForAnalysis(page);
}

/** Waits until the analysis on screen is the one of the editor's current text. */
export async function waitForAnalysis(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const hook = (window as LoupeHook).__loupe;
    const model = hook?.editor.getModel();
    const shown = document.querySelector('[data-testid="app"]')?.getAttribute('data-shown-version');
    return model !== undefined && model !== null && shown === String(model.getVersionId());
  });
}

export async function setSource(page: Page, source: string): Promise<void> {
  await page.evaluate((text) => {
    const model = (window as LoupeHook).__loupe!.editor.getModel();
    if (!model) throw new Error('editor has no model');
    model.setValue(text);
  }, source);
  await waitForAnalysis(page);
}

export async function getSource(page: Page): Promise<string> {
  return page.evaluate(() => (window as LoupeHook).__loupe!.editor.getModel()!.getValue());
}

/** Opens the gallery, searches for the example and loads it. */
export async function loadExample(page: Page, id: string): Promise<void> {
  await page.getByTestId('open-gallery').click();
  const gallery = page.getByTestId('gallery');
  await expect(gallery).toBeVisible();
  await gallery.getByTestId('gallery-search').fill(id.split('/')[1]!.replace(/_/g, ' '));
  await gallery.locator(`[data-testid="example-item"][data-id="${id}"]`).click();
  await expect(gallery).toBeHidden();
  await expect.poll(() => getSource(page)).toBe(exampleSource(id));
  await waitForAnalysis(page);
}

const examplesDir = fileURLToPath(new URL('../analysis-core/examples/', import.meta.url));

export function exampleIds(): string[] {
  return ['benchmarks', 'teaching'].flatMap((g) =>
    readdirSync(`${examplesDir}${g}`)
      .filter((f) => f.endsWith('.py'))
      .map((f) => `${g}/${f.slice(0, -3)}`),
  );
}

export function exampleSource(id: string): string {
  return readFileSync(`${examplesDir}${id}.py`, 'utf8');
}

/** The Report the worker should produce, computed in Node with the same core (the `# loupe:` values applied). */
export async function nodeReport(source: string, values?: Record<string, string>): Promise<Report> {
  const parser = await nodeParser();
  const comment = bindingsFromComment(source);
  const bindings = values ? parseBindings(Object.entries(values)).bindings : comment?.bindings;
  return analyzeSource(parser, source, bindings);
}

/** The CUDA the page should show for a source (its `# loupe:` values applied), generated in Node. */
export async function nodeCuda(source: string): Promise<string> {
  const parser = await nodeParser();
  const bindings = bindingsFromComment(source)?.bindings ?? NO_BINDINGS;
  return generate(analyzeParsed(parser.parse(source), source, bindings), bindings).cuda;
}

export async function selectTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

/** A permalink hash for a source (and optionally more shared state), as the app writes it. */
export { encodeShared } from '../web/src/state/permalink';
export { sharedDefaults } from '../web/src/state/store';

/** Decorations of the editor model with a given CSS class, as 1-based line/column ranges. */
export async function decorationsWithClass(
  page: Page,
  cls: string,
): Promise<{ line: number; column: number; endLine: number; endColumn: number }[]> {
  return page.evaluate((c) => {
    interface Deco {
      range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
      options: { className?: string | null; inlineClassName?: string | null; glyphMarginClassName?: string | null };
    }
    const model = (window as unknown as { __loupe: { editor: { getModel(): { getAllDecorations(): Deco[] } } } }).__loupe.editor.getModel();
    return model
      .getAllDecorations()
      .filter((d) =>
        [d.options.className, d.options.inlineClassName, d.options.glyphMarginClassName].some((x) => (x ?? '').split(' ').includes(c)),
      )
      .map((d) => ({
        line: d.range.startLineNumber,
        column: d.range.startColumn,
        endLine: d.range.endLineNumber,
        endColumn: d.range.endColumn,
      }))
      .sort((a, b) => a.line - b.line || a.column - b.column);
  }, cls);
}

/** Page coordinates of a (1-based line, 1-based column) position in the editor. */
export async function editorPoint(page: Page, line: number, column: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([l, c]) => {
      const editor = (window as LoupeHook).__loupe!.editor;
      editor.revealLine(l!);
      const pos = editor.getScrolledVisiblePosition({ lineNumber: l!, column: c! })!;
      const box = editor.getDomNode()!.getBoundingClientRect();
      return { x: box.left + pos.left + 2, y: box.top + pos.top + pos.height / 2 };
    },
    [line, column],
  );
}
