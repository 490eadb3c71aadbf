// The broker's notes on orders it cancelled or deferred (backtesting.py warns). Kept as (kind, bar, value) rows;
// the host formats the reference's text from them.
import { withCapacity } from "./columns";

/** `bar B: relative-sized order cancelled, not enough margin for one unit` */
export const NOTE_RELATIVE_SIZE_TOO_SMALL: i32 = 1;
/** `bar B: order of V units cancelled, insufficient margin` */
export const NOTE_INSUFFICIENT_MARGIN: i32 = 2;
/** `bar B: a bracket of a stop/limit entry would fill on the entry bar; deferred to the next bar` */
export const NOTE_BRACKET_DEFERRED: i32 = 3;

export let noteCount: i32 = 0;
export let noteKind: StaticArray<f64> = new StaticArray<f64>(0);
export let noteBar: StaticArray<f64> = new StaticArray<f64>(0);
export let noteValue: StaticArray<f64> = new StaticArray<f64>(0);

export function clearNotes(): void {
  noteCount = 0;
}

export function addNote(kind: i32, bar: i32, value: f64): void {
  const k = noteCount;
  if (k == noteKind.length) {
    noteKind = withCapacity<f64>(noteKind, k + 1);
    noteBar = withCapacity<f64>(noteBar, k + 1);
    noteValue = withCapacity<f64>(noteValue, k + 1);
  }
  unchecked((noteKind[k] = <f64>kind));
  unchecked((noteBar[k] = <f64>bar));
  unchecked((noteValue[k] = value));
  noteCount = k + 1;
}
