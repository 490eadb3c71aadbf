import { growF64, growI32, nextCapacity } from './growth';

/**
 * What the risk limits did, struct-of-arrays, in the order it happened (twin: engine-wasm/assembly/lab/limit-log.ts).
 *
 * `LimitLog`, one row per order a limit reduced, refused or cancelled: the bar, the order id, its instrument and
 * side, the quantity asked (units: what was left of the order when it was cancelled) and the quantity allowed
 * (units, 0 when refused or cancelled), and the rule (LimitRule codes). A short fill refused because shorting is off
 * is recorded here too, with rule `no-short`, whether or not limits are set.
 *
 * `LimitEvents`, one row per post-trade trip: the bar, the rule (kill-switch, daily-loss) and the NAV that tripped it.
 */
export class LimitLog {
  count = 0;
  capacity = 0;
  bar = new Int32Array(0);
  orderId = new Int32Array(0);
  instrument = new Int32Array(0);
  side = new Int32Array(0);
  rule = new Int32Array(0);
  requested = new Float64Array(0);
  allowed = new Float64Array(0);

  add(bar: number, orderId: number, instrument: number, side: number, requested: number, allowed: number, rule: number): void {
    const i = this.count;
    if (i + 1 > this.capacity) {
      const c = nextCapacity(this.capacity, i + 1);
      this.bar = growI32(this.bar, c);
      this.orderId = growI32(this.orderId, c);
      this.instrument = growI32(this.instrument, c);
      this.side = growI32(this.side, c);
      this.rule = growI32(this.rule, c);
      this.requested = growF64(this.requested, c);
      this.allowed = growF64(this.allowed, c);
      this.capacity = c;
    }
    this.bar[i] = bar;
    this.orderId[i] = orderId;
    this.instrument[i] = instrument;
    this.side[i] = side;
    this.rule[i] = rule;
    this.requested[i] = requested;
    this.allowed[i] = allowed;
    this.count = i + 1;
  }
}

export class LimitEvents {
  count = 0;
  capacity = 0;
  bar = new Int32Array(0);
  rule = new Int32Array(0);
  nav = new Float64Array(0);

  add(bar: number, rule: number, nav: number): void {
    const i = this.count;
    if (i + 1 > this.capacity) {
      const c = nextCapacity(this.capacity, i + 1);
      this.bar = growI32(this.bar, c);
      this.rule = growI32(this.rule, c);
      this.nav = growF64(this.nav, c);
      this.capacity = c;
    }
    this.bar[i] = bar;
    this.rule[i] = rule;
    this.nav[i] = nav;
    this.count = i + 1;
  }
}
