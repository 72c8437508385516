/** Indented line output that remembers which Python line each output line came from. */
export class CodeWriter {
  readonly lines: string[] = [];
  /** 0-based output line → 1-based Python line. */
  readonly lineMap: [number, number][] = [];
  private depth = 0;

  constructor(private readonly unit = '    ') {}

  line(text: string, pythonLine?: number): void {
    if (pythonLine !== undefined) this.lineMap.push([this.lines.length, pythonLine]);
    this.lines.push(text === '' ? '' : this.unit.repeat(this.depth) + text);
  }

  /** A `// line N: python` comment (mapped to N), the Python text kept on one line. */
  comment(pythonLine: number, python: string): void {
    // A trailing backslash would continue a `//` comment onto the next line.
    this.line(`// line ${pythonLine}: ${python.replace(/[\r\n]+/g, ' ').replace(/\\+$/, '')}`, pythonLine);
  }

  indent(): void {
    this.depth++;
  }

  dedent(): void {
    this.depth--;
  }
}
