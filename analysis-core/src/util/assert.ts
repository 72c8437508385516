/** Internal invariant violations are bugs, not user problems: they throw. User problems become diagnostics. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`Loupe internal error: ${message}`);
    this.name = 'InternalError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}

export function assertNever(value: never, context = 'value'): never {
  throw new InternalError(
    `unexpected ${context}: ${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
  );
}
