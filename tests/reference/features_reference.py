"""Reference numbers for tests/unit/features/*.test.ts, computed by outside libraries on ../shared/data/universe12.

Run once with Debian's pandas 1.5.3 and statsmodels 0.13.5 (apt-get install python3-pandas python3-statsmodels):
    /usr/bin/python3 tests/reference/features_reference.py > /tmp/features-reference.json
The tests carry the numbers they need, each with its source; nothing here runs in the test suite.
The triple-barrier part is AFML ch. 3 (snippets 3.1-3.5, 3.7) written out in pandas from the book's definitions.
"""
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "universe12"
BARS = [30, 100, 250, 500, 777, 1000, 1250, 1499]


def closes(name):
    df = pd.read_csv(DATA / f"{name}.csv", index_col=0)
    return df["Close"].reset_index(drop=True)


def at(series):
    return [None if math.isnan(series.iloc[b]) else float(series.iloc[b]) for b in BARS]


out = {"bars": BARS, "pandas": pd.__version__, "statsmodels": sm.__version__ if hasattr(sm, "__version__") else "0.13.5"}
tec1, tec2, fin3 = closes("TEC1"), closes("TEC2"), closes("FIN3")
r1, r2 = tec1.pct_change(), tec2.pct_change()

out["log_returns_TEC1"] = at(np.log(tec1).diff())
out["ewm_mean_span20_TEC1"] = at(tec1.ewm(span=20).mean())
out["ewm_mean_span20_noadjust_TEC1"] = at(tec1.ewm(span=20, adjust=False).mean())
out["ewm_std_span100_returns_FIN3"] = at(fin3.pct_change().ewm(span=100).std())
out["ewm_std_span30_noadjust_returns_TEC2"] = at(r2.ewm(span=30, adjust=False).std())
out["rolling_std20_returns_TEC1"] = at(r1.rolling(20).std())
out["rolling_zscore20_TEC1"] = at((tec1 - tec1.rolling(20).mean()) / tec1.rolling(20).std())
out["rolling_corr60_TEC1_TEC2"] = at(r1.rolling(60).corr(r2))
out["rolling_beta60_TEC2_on_TEC1"] = at(r2.rolling(60).cov(r1) / r1.rolling(60).var())

# RSI, Wilder: first averages are plain means of the first 14 changes; after that pandas' recursive EWM with
# alpha = 1/14 (adjust=False), seeded with those means -- another route to the same definition.
n = 14
d = tec1.diff()
gain, loss = d.clip(lower=0), (-d).clip(lower=0)
g = pd.concat([pd.Series([gain.iloc[1 : n + 1].mean()]), gain.iloc[n + 1 :]]).reset_index(drop=True)
l = pd.concat([pd.Series([loss.iloc[1 : n + 1].mean()]), loss.iloc[n + 1 :]]).reset_index(drop=True)
ag = g.ewm(alpha=1 / n, adjust=False).mean()
al = l.ewm(alpha=1 / n, adjust=False).mean()
rsi = pd.concat([pd.Series([np.nan] * n), 100 - 100 / (1 + ag / al)]).reset_index(drop=True)
out["rsi14_TEC1"] = at(rsi)

# Pairs on log prices: statsmodels OLS over 60 bars ending at bar 1000.
y, x = np.log(closes("TEC3").iloc[941:1001]), np.log(closes("TEC1").iloc[941:1001])
fit = sm.OLS(y.values, sm.add_constant(x.values)).fit()
spread = fit.resid
z = (spread - spread.mean()) / spread.std(ddof=1)
out["pairs_log_TEC3_TEC1_60_bar1000"] = {"alpha": float(fit.params[0]), "beta": float(fit.params[1]), "r_squared": float(fit.rsquared), "z_first": float(z[0]), "z_last": float(z[-1])}

# Momentum 6-1 (126, 21) at the last bar, pandas shift + rank(method='first').
wide = pd.read_csv(DATA / "closes.csv", index_col=0).reset_index(drop=True)
mom = wide.shift(21).iloc[-1] / wide.shift(126).iloc[-1] - 1
out["momentum_126_21_bar1499"] = {"momentum": {k: float(v) for k, v in mom.items()}, "rank": {k: int(v) for k, v in mom.rank(ascending=False, method="first").items()}}


def triple_barrier(close, t_events, span, pt_sl, horizon, side=None):
    """AFML 3.1 (vol), 3.4 (vertical barrier), 3.2/3.3 (first touch), 3.5/3.7 (labels), in bar units."""
    trgt = (close / close.shift(1) - 1).ewm(span=span).std().loc[t_events]
    trgt = trgt[trgt > 0]
    rows = []
    for t0, tg in trgt.items():
        s = 1.0 if side is None else float(side.loc[t0])
        vert = t0 + horizon if t0 + horizon < len(close) else None
        path = (close.loc[t0 : (vert if vert is not None else len(close) - 1)] / close.loc[t0] - 1) * s
        pt = path[path > pt_sl[0] * tg].index.min() if pt_sl[0] > 0 else np.nan
        sl = path[path < -pt_sl[1] * tg].index.min() if pt_sl[1] > 0 else np.nan
        t1 = pd.Series([vert, pt, sl], dtype=float).min()
        if np.isnan(t1):
            continue  # AFML drops events with t1 = NaN
        t1 = int(t1)
        ret = (close.loc[t1] / close.loc[t0] - 1) * s
        label = 1 if (not np.isnan(pt) and pt == t1) else (-1 if (not np.isnan(sl) and sl == t1) else 0)
        meta = (1 if ret > 0 else 0) if side is not None else None
        rows.append({"t0": int(t0), "t1": t1, "label": label, "ret": float(ret), "trgt": float(tg), "side": s, "meta": meta})
    return rows


# FIN3 (a 30 % fall late in 2022): asymmetric barriers, short horizon, events every 7 bars from bar 7;
# the last events' vertical barrier lies beyond the data.
out["triple_barrier_FIN3_span50_pt1.5_sl1_h5_every7"] = triple_barrier(fin3, list(range(7, 1500, 7)), 50, (1.5, 1.0), 5)
# Meta-labels on TEC2 for a primary SMA(10)/SMA(30) crossover side, events every 10 bars where it is defined.
fast, slow = tec2.rolling(10).mean(), tec2.rolling(30).mean()
side = np.sign(fast - slow)
events = [t for t in range(30, 1500, 10) if side.loc[t] != 0 and not np.isnan(side.loc[t])]
out["meta_labels_TEC2_sma10_30_span100_k2_h10_every10"] = triple_barrier(tec2, events, 100, (2.0, 2.0), 10, side=side)

print(json.dumps(out, indent=1))
