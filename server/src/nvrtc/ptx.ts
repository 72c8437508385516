/**
 * Splits a PTX module into per-kernel text for the CUDA pane: each `.entry NAME(` up to the closing brace
 * at the start of a line, preceded by its `// .globl NAME` marker when present.
 */
export function ptxEntries(ptx: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /^\s*(?:\.visible\s+|\.weak\s+)?\.entry\s+([A-Za-z_$][\w$]*)\s*\(/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ptx)) !== null) {
    const name = m[1]!;
    const globl = ptx.lastIndexOf(`// .globl\t${name}`, m.index);
    const globlAlt = ptx.lastIndexOf(`// .globl ${name}`, m.index);
    const startAt = Math.max(globl, globlAlt);
    const start = startAt >= 0 && m.index - startAt < 200 ? startAt : m.index;
    const close = ptx.indexOf('\n}', m.index);
    const end = close < 0 ? ptx.length : close + 2;
    out.set(name, ptx.slice(start, end).trim());
  }
  return out;
}
