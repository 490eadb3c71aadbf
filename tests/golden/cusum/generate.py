#!/usr/bin/python3
"""CUSUM event bars for tests/unit/features/cusum.test.ts, computed outside quantlab.

Run from the repository root with Debian's Python (apt-get install python3-pandas):
    /usr/bin/python3 tests/golden/cusum/generate.py > tests/golden/cusum/events.json
The filter is the symmetric CUSUM filter of López de Prado, Advances in Financial Machine Learning, §2.5.2.1
(snippet 2.4, getTEvents), written here in pandas from the book's definition: on gRaw = log close, diff = gRaw.diff();
for each bar after the first, S+ = max(0, S+ + diff), S- = min(0, S- + diff); if S- < -h reset S- and sample the
bar, else if S+ > h reset S+ and sample it. Bars are 0-based rows of the CSV.
The "target" cases take h per bar = multiple x the triple-barrier target (pandas close.pct_change().ewm(span).std(),
adjust=True, bias=False); a bar whose target is NaN is passed over (sums unchanged, no event), as quantlab documents.
Nothing here runs in the test suite; the test carries this file's output.
"""
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


def closes(name):
    return pd.read_csv(DATA / name, index_col=0)["Close"].reset_index(drop=True)


def cusum_bars(close, h):
    """h: one number, or a Series of thresholds aligned with close."""
    diff = np.log(close).diff()
    thresholds = h if isinstance(h, pd.Series) else pd.Series(h, index=close.index)
    bars, s_pos, s_neg = [], 0.0, 0.0
    for i in diff.index[1:]:
        limit = thresholds.loc[i]
        if math.isnan(limit):
            continue
        s_pos = max(0.0, s_pos + diff.loc[i])
        s_neg = min(0.0, s_neg + diff.loc[i])
        if s_neg < -limit:
            s_neg = 0.0
            bars.append(int(i))
        elif s_pos > limit:
            s_pos = 0.0
            bars.append(int(i))
    return bars


def target(close, span):
    return close.pct_change().ewm(span=span).std()


CASES = [
    {"file": "universe12/TEC1.csv", "threshold": 0.05},
    {"file": "universe12/FIN3.csv", "multiple": 2.0, "span": 100},
    {"file": "GOOG.csv", "threshold": 0.08},
    {"file": "GOOG.csv", "multiple": 3.0, "span": 50},
]

out = {"reference": "AFML snippet 2.4 (getTEvents) written in pandas", "pandas": pd.__version__, "numpy": np.__version__, "cases": []}
for case in CASES:
    close = closes(case["file"])
    h = case["threshold"] if "threshold" in case else case["multiple"] * target(close, case["span"])
    out["cases"].append({**case, "bars": len(close), "events": cusum_bars(close, h)})
print(json.dumps(out))
