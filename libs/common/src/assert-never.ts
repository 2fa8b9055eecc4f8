/**
 * Ends every `switch` on a union: adding a member makes the compiler point here, and a value that
 * slipped past the types at runtime (a row written by an older version) fails loudly.
 */
export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
