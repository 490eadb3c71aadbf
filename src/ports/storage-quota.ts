/** What the browser says about the lab's storage: how much is used, and whether it may be evicted. */
export interface StorageEstimate {
  /** Bytes used by this origin (all storage, not only artifacts). */
  usage: number;
  /** Bytes this origin may use. */
  quota: number;
}

export interface StorageQuota {
  /** null when the platform cannot tell. */
  estimate(): Promise<StorageEstimate | null>;
  /** Whether storage is persistent (not evicted under pressure); null when unknown. */
  persisted(): Promise<boolean | null>;
  /** Asks for persistent storage; the answer (the browser may refuse, or decide silently). */
  persist(): Promise<boolean | null>;
}
