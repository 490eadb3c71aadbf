// The result-views gallery: computes real results in the page and mounts every component with them.
import { mount } from 'svelte';
import Gallery from './gallery.svelte';
import { galleryData, type GalleryData } from './gallery-data';

declare global {
  interface Window {
    /** What the e2e test reads back to check the views against the data they were given. */
    __gallery?: {
      ready: boolean;
      timings: Record<string, number>;
      mainTrades: { entryBar: number; exitBar: number; pnl: number }[];
      largeTrades: number;
      largeBars: number;
      sweepCount: number;
      bestSweepIndex: number;
    };
  }
}

const data: GalleryData = galleryData();
const app = document.getElementById('app')!;
app.textContent = '';
mount(Gallery, { target: app, props: { data } });

window.__gallery = {
  ready: true,
  timings: data.timings,
  mainTrades: data.main.result.trades.map((t) => ({ entryBar: t.entryBar, exitBar: t.exitBar, pnl: t.pnl })),
  largeTrades: data.large.result.trades.length,
  largeBars: data.large.bars.close.length,
  sweepCount: data.sweep.rows.length,
  bestSweepIndex: data.sweep.bestIndex,
};
document.body.dataset.ready = 'true';
