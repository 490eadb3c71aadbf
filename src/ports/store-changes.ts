/** News that the artifact store was changed elsewhere (another tab), so views refresh instead of going stale. */
export interface StoreChanges {
  /** Tells the others that this side changed the store. */
  notify(): void;
  /** Calls `listener` when another side changed the store; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
