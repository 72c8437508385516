/**
 * Code generation refuses, rather than guesses, when the IR holds something it cannot translate exactly
 * (an opaque expression, a non-affine subscript, an `if` without a lowered condition, …). The refusal is
 * an exception caught at the loop-nest level, where it turns into a `host-only` step whose reason is this
 * message — so the user reads why that nest has no kernel.
 */
export class Unsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unsupported';
  }
}

export function unsupported(message: string): never {
  throw new Unsupported(message);
}

/** Names the generated code can use for user variables: plain ASCII identifiers (both languages agree). */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkIdentifier(name: string): string {
  if (!IDENT.test(name)) unsupported(`the name \`${name}\` is not a plain ASCII identifier`);
  return name;
}
