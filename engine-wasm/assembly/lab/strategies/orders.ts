// How a built-in strategy trades: the two requests the TypeScript twins make through LabBarContext, built as the
// OrderFields that toOrderFields would produce for them, and submitted as decisions of bar t.
import { SOURCE_STRATEGY, TYPE_MARKET } from "../codes";
import { submitDecision } from "../engine";
import { lotSize } from "../inputs";
import { lots } from "../ledger";
import { OrderFields } from "../order-fields";

const fields = new OrderFields();

/** Signed units held (ctx.position(k)). */
export function position(k: i32): f64 {
  return unchecked(lots[k]) * unchecked(lotSize[k]);
}

/** ctx.submit({ instrument: k, side, weight }): a GTC market order sized by weight when it executes. */
export function submitWeight(k: i32, side: i32, weight: f64, t: i32): i32 {
  const f = fields;
  f.blank();
  f.instrument = k;
  f.side = side;
  f.type = TYPE_MARKET;
  f.source = SOURCE_STRATEGY;
  f.weight = weight;
  return submitDecision(f, t);
}

/** ctx.closePosition(k): a reduce-only market order for the whole position, or −1 when flat. */
export function closePosition(k: i32, t: i32): i32 {
  const held = unchecked(lots[k]);
  if (held == 0) return -1;
  const f = fields;
  f.blank();
  f.instrument = k;
  f.side = held > 0 ? -1 : 1;
  f.type = TYPE_MARKET;
  f.source = SOURCE_STRATEGY;
  f.quantity = (held < 0 ? -held : held) * unchecked(lotSize[k]);
  f.reduceOnly = 1;
  return submitDecision(f, t);
}
