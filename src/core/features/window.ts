/** Argument checks shared by the feature families: a bad window is a programming or argument error, named at once. */
export function assertWindow(name: string, n: number, min = 1): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${n}`);
}

export function assertSameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: series lengths differ (${a.length} vs ${b.length})`);
}
