"""Golden numbers for tests/unit/universe/*.test.ts, computed independently of the TypeScript code.

Plain Python 3 (csv + float, no numpy), run once from the repository root:
    python3 tests/unit/universe/universe-golden.py
It reads ../shared/data/universe12 and prints the numbers the tests pin. Definitions as the docs state them:
 - equal-weight buy and hold: cash/K per instrument, bought at the close of its first bar, held; cash until then;
 - weight = units x last known close / NAV;
 - attribution per instrument: final units x last close + sum of fill cash flows (-side x qty x price - commission).
"""
import csv, json, os

DATA = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'data', 'universe12')

def load(name):
    with open(os.path.join(DATA, name + '.csv')) as f:
        rows = list(csv.reader(f))[1:]
    return [float(r[1]) for r in rows], [float(r[4]) for r in rows]

# --- benchmark: TEC1, FIN2, NRG3, TEC4 with TEC4's first 100 bars removed (it starts later) ---
names = ['TEC1', 'FIN2', 'NRG3', 'TEC4']
closes = {n: load(n)[1] for n in names}
T = len(closes['TEC1'])
late = {'TEC4': 100}
cash = 10000.0
slice_ = cash / len(names)
bench = []
for t in range(T):
    v = 0.0
    for n in names:
        start = late.get(n, 0)
        v += slice_ if t < start else slice_ * closes[n][t] / closes[n][start]
    bench.append(v)
print('benchmark', json.dumps({str(t): bench[t] for t in (0, 1, 99, 100, 101, 750, T - 1)}))

# --- scripted fills on TEC1, FIN1, NRG1 (bar, instrument, side, qty, commission, slippage, spread); price = open ---
fill_names = ['TEC1', 'FIN1', 'NRG1']
opens = {n: load(n)[0] for n in fill_names}
cl = {n: load(n)[1] for n in fill_names}
fills = [
    (10, 0, 1, 20, 1.5, 0.25, 0.5),
    (50, 1, -1, 30, 2.0, 0.0, 0.75),
    (200, 0, -1, 10, 1.0, 0.1, 0.2),
    (300, 2, 1, 40, 0.5, 0.3, 0.0),
    (800, 1, 1, 30, 2.0, 0.2, 0.4),
]
K = len(fill_names)
pos = [[0.0] * T for _ in range(K)]
cash_t = [0.0] * T
c = cash
for t in range(T):
    for (b, k, side, q, com, sl, sp) in fills:
        if b == t:
            c -= side * q * opens[fill_names[k]][t] + com
            for u in range(t, T):
                pos[k][u] += side * q
    cash_t[t] = c
nav = [cash_t[t] + sum(pos[k][t] * cl[fill_names[k]][t] for k in range(K)) for t in range(T)]
w = {f'{k},{t}': (pos[k][t] * cl[fill_names[k]][t] / nav[t]) for k in range(K) for t in (10, 100, 500, T - 1)}
print('nav', json.dumps({str(t): nav[t] for t in (10, 500, T - 1)}))
print('weights', json.dumps(w))
pnl = []
for k in range(K):
    flow = sum(-side * q * opens[fill_names[k]][b] - com for (b, kk, side, q, com, sl, sp) in fills if kk == k)
    pnl.append(pos[k][T - 1] * cl[fill_names[k]][T - 1] + flow)
traded = [sum(q * opens[fill_names[k]][b] for (b, kk, side, q, com, sl, sp) in fills if kk == k) for k in range(K)]
mean_nav = sum(nav) / T
print('pnl', json.dumps(pnl), 'sum', sum(pnl), 'nav_end-cash', nav[-1] - cash)
print('turnover', json.dumps([x / mean_nav for x in traded]))
print('costs', json.dumps([sum(com + sl + sp for (b, kk, side, q, com, sl, sp) in fills if kk == k) for k in range(K)]))
