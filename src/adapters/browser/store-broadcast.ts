/**
 * Tells other tabs of the lab that the artifact store changed (an import, a delete, a gc), so they refresh their
 * lists instead of showing a stale store. The store itself needs no help to stay consistent: this is display only.
 */
import type { StoreChanges } from '../../ports/store-changes';

export class BroadcastStoreChanges implements StoreChanges {
  private readonly channel: BroadcastChannel | undefined;

  constructor(name = 'quantlab-artifacts') {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  }

  notify(): void {
    this.channel?.postMessage('changed');
  }

  subscribe(listener: () => void): () => void {
    const channel = this.channel;
    if (!channel) return () => undefined;
    const handler = () => listener();
    channel.addEventListener('message', handler);
    return () => channel.removeEventListener('message', handler);
  }
}
