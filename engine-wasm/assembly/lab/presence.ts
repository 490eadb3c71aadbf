// Which instruments have a bar at timeline index t. A bar is present when its open is not NaN (timeline.ts of
// the reference); `full[t]` says every instrument has one at t, so that the common dense timeline answers
// without reading a strided K×T column (instrument k's bar t sits T × 8 bytes from instrument k + 1's).
import { K, T, open } from "./inputs";
import { atLeast } from "./growth";

let full: StaticArray<u8> = new StaticArray<u8>(1);

/** Marks the bars where every instrument is present: one sequential pass over the open column per run. */
export function presenceReset(): void {
  full = atLeast<u8>(full, T);
  for (let t = 0; t < T; t++) unchecked((full[t] = 1));
  for (let k = 0; k < K; k++) {
    const base = k * T;
    for (let t = 0; t < T; t++) {
      const o = unchecked(open[base + t]);
      if (o != o) unchecked((full[t] = 0));
    }
  }
}

@inline export function present(k: i32, t: i32): bool {
  if (unchecked(full[t]) != 0) return true;
  const o = unchecked(open[k * T + t]);
  return o == o;
}
