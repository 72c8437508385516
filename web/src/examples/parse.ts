/** Examples gallery entries from the example files (pure: path and text in, entry out). */
export interface Example {
  /** `benchmarks/gemm`, `teaching/strong_siv_flow_distance_one`. */
  readonly id: string;
  readonly group: 'benchmarks' | 'teaching';
  readonly title: string;
  /** The first comment line: what the example shows. */
  readonly summary: string;
  /** The part of the summary before its first colon ("Strong SIV", "GEMM"). */
  readonly topic: string;
  readonly source: string;
}

const NICE: Readonly<Record<string, string>> = {
  siv: 'SIV',
  gcd: 'GCD',
  rdiv: 'RDIV',
  ziv: 'ZIV',
  '2mm': '2MM',
  fdtd: 'FDTD',
  '2d': '2-D',
  '3d': '3-D',
};

export function titleOf(name: string): string {
  const words = name.split('_').map((w) => NICE[w] ?? w);
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function parseExample(path: string, source: string): Example | null {
  const m = /(benchmarks|teaching)\/([^/]+)\.py$/.exec(path);
  if (!m) return null;
  const group = m[1] as Example['group'];
  const name = m[2]!;
  const first = source.split('\n').find((l) => l.trim() !== '') ?? '';
  const summary = /^\s*#/.test(first) ? first.replace(/^\s*#\s?/, '').trim() : '';
  const colon = summary.indexOf(':');
  const topic = colon > 0 && colon < 40 ? summary.slice(0, colon) : titleOf(name);
  return { id: `${group}/${name}`, group, title: titleOf(name), summary, topic, source };
}

/** Examples whose id, title, topic or summary contain every word of the query (case-insensitive). */
export function searchExamples(examples: readonly Example[], query: string): Example[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...examples];
  return examples.filter((e) => {
    const hay = `${e.id} ${e.title} ${e.topic} ${e.summary}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function sortExamples(examples: readonly Example[]): Example[] {
  return [...examples].sort((a, b) => (a.group === b.group ? a.id.localeCompare(b.id) : a.group === 'benchmarks' ? -1 : 1));
}
