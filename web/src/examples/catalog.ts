/** The 12 benchmarks and the teaching cases, bundled at build time (no fetch). */
import { parseExample, sortExamples, type Example } from './parse';

const files = import.meta.glob('../../../analysis-core/examples/{benchmarks,teaching}/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const EXAMPLES: readonly Example[] = sortExamples(
  Object.entries(files)
    .map(([path, text]) => parseExample(path, text))
    .filter((e): e is Example => e !== null),
);

export const exampleById = (id: string): Example | undefined => EXAMPLES.find((e) => e.id === id);
