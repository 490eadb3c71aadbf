/**
 * Runs inside a worker: holds the messages that arrive while `load` runs (e.g. the page's first requests while the
 * script that handles them is still loading), then hands them, in order, to the `onmessage` handler it installed.
 * Without this, a message posted before the handler exists is dispatched to nobody and lost.
 */
export async function holdMessagesUntil(load: () => Promise<unknown>): Promise<void> {
  const held: MessageEvent[] = [];
  const hold = (event: MessageEvent) => void held.push(event);
  self.addEventListener('message', hold);
  try {
    await load();
  } finally {
    self.removeEventListener('message', hold);
  }
  const handler = self.onmessage;
  if (!handler) throw new Error('the loaded script installed no message handler');
  for (const event of held) handler.call(self, event);
}
