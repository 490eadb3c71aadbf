// The seeded minute-bar CSV the import benches read (Node's in import-memory.ts, Chromium's in
// import-memory-chromium.ts): a random walk written in blocks, so a file of any size costs no memory to make.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Rng } from '../src/core/rng';

/** A seeded random walk of minute bars, written in blocks until the file reaches `bytes`; returns the row count. */
export async function writeCsv(path: string, bytes: number, seed: number): Promise<number> {
  const out = createWriteStream(path);
  const rng = new Rng(seed);
  let written = 0;
  let rows = 0;
  let p = 100;
  let t = Date.UTC(2000, 0, 3);
  const header = 'timestamp,open,high,low,close,volume\n';
  out.write(header);
  written += header.length;
  while (written < bytes) {
    let block = '';
    for (let k = 0; k < 10_000; k++) {
      const o = p;
      p = Math.max(1, p * (1 + (rng.nextFloat() - 0.5) * 0.002));
      const hi = Math.max(o, p) * (1 + rng.nextFloat() * 0.001);
      const lo = Math.min(o, p) * (1 - rng.nextFloat() * 0.001);
      block += `${new Date(t).toISOString()},${o.toFixed(4)},${hi.toFixed(4)},${lo.toFixed(4)},${p.toFixed(4)},${Math.floor(rng.nextFloat() * 1e5)}\n`;
      t += 60_000;
      rows++;
    }
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
