/** Exhaustiveness check for `switch` on a `kind` discriminant: unreachable when every case is handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
