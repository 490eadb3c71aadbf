/**
 * Resolves once the browser has painted the DOM as it is now (after the next animation frame), so heavy work that
 * follows does not hold back what is already on screen. Resolves at once where nothing paints (Node).
 */
export function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
