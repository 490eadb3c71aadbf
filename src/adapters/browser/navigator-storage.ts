import type { StorageEstimate, StorageQuota } from '../../ports/storage-quota';

/** StorageQuota over `navigator.storage` (absent in some contexts: then every answer is null). */
export class NavigatorStorage implements StorageQuota {
  private get storage(): StorageManager | undefined {
    return (globalThis as { navigator?: Navigator }).navigator?.storage;
  }

  async estimate(): Promise<StorageEstimate | null> {
    const e = await this.storage?.estimate?.();
    return e && typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null;
  }

  async persisted(): Promise<boolean | null> {
    return (await this.storage?.persisted?.()) ?? null;
  }

  async persist(): Promise<boolean | null> {
    return (await this.storage?.persist?.()) ?? null;
  }
}
