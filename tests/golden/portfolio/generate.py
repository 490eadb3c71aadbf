#!/usr/bin/python3
"""Reference values for the portfolio and risk golden tests that ../shared/guide/portfolio-visible.json does not hold.

Run from the repository root with Debian's Python: /usr/bin/python3 tests/golden/portfolio/generate.py > tests/golden/portfolio/extra-cases.json
then `npx prettier --write` that file (the values are unchanged by it).
Needs Debian's python3-numpy, python3-pandas, python3-scipy, python3-sklearn and r-cran-quadprog (Rscript).
Every value comes from an outside library (or, for the constant-correlation target, from the authors' published
covCor.m transcribed line by line to numpy), never from quantlab's own code. Data: ../shared/data/universe12/closes.csv.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import optimize, stats
from sklearn.covariance import LedoitWolf

ROOT = os.path.dirname(os.path.abspath(__file__))
CLOSES = os.path.join(ROOT, '..', '..', '..', '..', 'shared', 'data', 'universe12', 'closes.csv')

closes = pd.read_csv(CLOSES, index_col=0)
tickers = list(closes.columns)
returns = closes.pct_change().iloc[1:]
full = returns
last252 = returns.iloc[-252:]


def rows(m):
    return [[float(v) for v in r] for r in np.asarray(m)]


def named(v):
    return {t: float(x) for t, x in zip(tickers, v)}


def quadprog_r(dmat, dvec, amat, bvec, meq):
    """R quadprog::solve.QP on the given problem (Amat columns are constraints); returns the solution."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, m in (('D', dmat), ('d', np.atleast_2d(dvec)), ('A', amat), ('b', np.atleast_2d(bvec))):
            np.savetxt(os.path.join(tmp, name + '.csv'), m, delimiter=',', fmt='%.17g')
        script = f"""
library(quadprog)
D <- as.matrix(read.csv('{tmp}/D.csv', header=FALSE)); d <- as.numeric(read.csv('{tmp}/d.csv', header=FALSE))
A <- as.matrix(read.csv('{tmp}/A.csv', header=FALSE)); b <- as.numeric(read.csv('{tmp}/b.csv', header=FALSE))
s <- solve.QP(D, d, A, b, meq={meq})
cat(sprintf('%.17g', s$solution), sep='\\n')
"""
        out = subprocess.run(['Rscript', '-e', script], check=True, capture_output=True, text=True).stdout
        return np.array([float(x) for x in out.split()])


cases = []

# Ledoit-Wolf constant correlation (Ledoit & Wolf 2004, covCor.m), last 252 returns.
def cov_cor(x):
    t, n = x.shape
    x = x - x.mean(axis=0)
    sample = x.T @ x / t
    var = np.diag(sample).reshape(-1, 1)
    sqrtvar = np.sqrt(var)
    r_bar = (np.sum(sample / (sqrtvar @ sqrtvar.T)) - n) / (n * (n - 1))
    prior = r_bar * (sqrtvar @ sqrtvar.T)
    prior[np.eye(n) == 1] = var.ravel()
    y = x ** 2
    phi_mat = y.T @ y / t - 2 * (x.T @ x) * sample / t + sample ** 2
    phi = phi_mat.sum()
    term1 = (x ** 3).T @ x / t
    help_ = x.T @ x / t
    help_diag = np.diag(help_).reshape(-1, 1)
    term2 = np.tile(help_diag, (1, n)) * sample
    term3 = help_ * np.tile(var, (1, n))
    term4 = np.tile(var, (1, n)) * sample
    theta = term1 - term2 - term3 + term4
    theta[np.eye(n) == 1] = 0
    rho = np.diag(phi_mat).sum() + r_bar * np.sum(((1 / sqrtvar) @ sqrtvar.T) * theta)
    gamma = np.linalg.norm(sample - prior, 'fro') ** 2
    kappa = (phi - rho) / gamma
    shrinkage = max(0.0, min(1.0, kappa / t))
    return shrinkage * prior + (1 - shrinkage) * sample, shrinkage

for label, frame in (('252', last252), ('full', full)):
    sigma, delta = cov_cor(frame.values)
    cases.append({'id': f'lw_cc_{label}', 'library': "Ledoit & Wolf (2004) covCor.m transcribed to numpy " + np.__version__,
                  'definition': f'constant-correlation shrinkage, ddof 0, window {label}', 'values': {'shrinkage': float(delta), 'cov_daily': rows(sigma)}})

# scikit-learn LedoitWolf on the full window (the visible case covers the last 252).
lw = LedoitWolf().fit(full.values)
cases.append({'id': 'lw_sklearn_full', 'library': 'scikit-learn ' + sklearn.__version__ + ' LedoitWolf()',
              'definition': 'constant-variance shrinkage, all returns', 'values': {'shrinkage': float(lw.shrinkage_), 'cov_daily': rows(lw.covariance_)}})

# EWMA covariance: pandas ewm(alpha = 1 - lambda).cov() at the last row (adjust=True, bias=False), last 252 returns.
for lam in (0.94, 0.97):
    ew = last252.ewm(alpha=1 - lam).cov().loc[last252.index[-1]]
    cases.append({'id': f'ewma_{lam}_252', 'library': 'pandas ' + pd.__version__ + ' DataFrame.ewm(alpha=1-lambda).cov()',
                  'definition': f'lambda {lam}, last 252 returns, last row', 'values': {'lambda': lam, 'cov_daily': rows(ew.values)}})

cov_full = full.cov().values * 252
mu_full = full.mean().values * 252

# Global minimum variance, unconstrained: numpy.linalg.solve (closed form).
x = np.linalg.solve(cov_full, np.ones(len(tickers)))
cases.append({'id': 'gmv_unconstrained_full', 'library': 'numpy ' + np.__version__ + ' linalg.solve',
              'definition': 'w = S^-1 1 / 1\'S^-1 1, S = sample cov ddof 1 * 252, all returns', 'values': {'weights': named(x / x.sum())}})

# Inverse volatility: w_i proportional to 1/sigma_i (pandas std ddof 1).
iv = 1 / full.std().values
cases.append({'id': 'inverse_vol_full', 'library': 'pandas ' + pd.__version__ + ' DataFrame.std',
              'definition': 'w_i = (1/sigma_i) / sum_j (1/sigma_j), all returns', 'values': {'weights': named(iv / iv.sum())}})

n = len(tickers)
eye = np.eye(n)

# Mean-variance with risk aversion 10, long-only: max mu'w - 5 w'Sw (annualised), R quadprog.
delta_ra = 10.0
w = quadprog_r(delta_ra * cov_full, mu_full, np.column_stack([np.ones(n), eye]), np.concatenate([[1.0], np.zeros(n)]), 1)
cases.append({'id': 'mean_variance_ra10_long_full', 'library': 'R quadprog solve.QP',
              'definition': 'min (delta/2) w\'Sw - mu\'w, sum w = 1, w >= 0, delta = 10, S and mu annualised (x252), all returns',
              'values': {'risk_aversion': delta_ra, 'weights': named(w)}})

# Mean-variance with a target return 0.30 (annualised), long-only, cap 0.4: R quadprog.
target = 0.30
w = quadprog_r(cov_full, np.zeros(n), np.column_stack([np.ones(n), mu_full, eye, -eye]),
               np.concatenate([[1.0, target], np.zeros(n), -0.4 * np.ones(n)]), 2)
cases.append({'id': 'mean_variance_target30_cap40_full', 'library': 'R quadprog solve.QP',
              'definition': 'min w\'Sw, sum w = 1, mu\'w = 0.30, 0 <= w <= 0.4, S and mu annualised, all returns',
              'values': {'target_return': target, 'max_weight': 0.4, 'weights': named(w)}})

# Mean-variance with risk aversion 4, unconstrained (short allowed): R quadprog with the budget only.
w = quadprog_r(4.0 * cov_full, mu_full, np.ones((n, 1)), np.array([1.0]), 1)
cases.append({'id': 'mean_variance_ra4_full', 'library': 'R quadprog solve.QP',
              'definition': 'min 2 w\'Sw - mu\'w, sum w = 1 (no bounds), S and mu annualised, all returns',
              'values': {'risk_aversion': 4.0, 'weights': named(w)}})

# Risk budgets: Spinu's convex form with scipy trust-exact (as the visible ERC case), budgets 2:1 (TEC vs rest).
budgets = np.array([2.0 if t.startswith('TEC') else 1.0 for t in tickers])
b = budgets / budgets.sum()
def f(y):
    x = np.exp(y)
    return 0.5 * x @ cov_full @ x - b @ y
def g(y):
    x = np.exp(y)
    return x * (cov_full @ x) - b
def h(y):
    x = np.exp(y)
    return np.outer(x, x) * cov_full + np.diag(x * (cov_full @ x))
res = optimize.minimize(f, np.log(1 / np.sqrt(np.diag(cov_full))), jac=g, hess=h, method='trust-exact', options={'gtol': 1e-14})
x = np.exp(res.x)
wb = x / x.sum()
rc = wb * (cov_full @ wb) / (wb @ cov_full @ wb)
cases.append({'id': 'risk_budget_tec2_full', 'library': 'scipy ' + scipy.__version__ + ' optimize.minimize(trust-exact) on Spinu\'s form',
              'definition': 'budgets TEC* 2, others 1 (normalised); S = sample cov ddof 1 * 252, all returns',
              'values': {'budgets': named(budgets), 'weights': named(wb), 'risk_contribution_share': named(rc), 'max_abs_gradient': float(np.max(np.abs(g(res.x))))}})  # trust-exact stops short of gtol 1e-14 at rounding level

# Gaussian and Cornish-Fisher VaR of the equal-weight daily-rebalanced portfolio, population moments, scipy.stats.
rp = full.values.mean(axis=1)
mean = rp.mean()
sd = np.sqrt(np.mean((rp - mean) ** 2))
skew = stats.skew(rp, bias=True)
exkurt = stats.kurtosis(rp, fisher=True, bias=True)
par = {}
for p in (0.95, 0.99):
    z = stats.norm.ppf(1 - p)
    zcf = z + (z ** 2 - 1) * skew / 6 + (z ** 3 - 3 * z) * exkurt / 24 - (2 * z ** 3 - 5 * z) * skew ** 2 / 36
    par[str(p)] = {'gaussian_var': float(-(mean + z * sd)), 'gaussian_es': float(-mean + sd * stats.norm.pdf(z) / (1 - p)),
                   'cornish_fisher_var': float(-(mean + zcf * sd))}
cases.append({'id': 'var_parametric_full', 'library': 'scipy ' + scipy.__version__ + ' stats.norm / stats.skew / stats.kurtosis (bias=True)',
              'definition': 'equal weight daily rebalanced, all returns, 1 day, population moments; gaussian VaR = -(m + z sd), ES = -m + sd phi(z)/(1-p); CF z_cf',
              'values': {'skewness': float(skew), 'excess_kurtosis': float(exkurt), 'p': par}})

# Worst 5-day window of the equal-weight portfolio (pandas rolling product), and its beta to TEC1.
growth = (1 + pd.Series(rp)).rolling(5).apply(np.prod, raw=True) - 1
end = int(growth.idxmin())
bench = full['TEC1'].values
beta = np.cov(rp, bench, ddof=1)[0, 1] / np.var(bench, ddof=1)
cases.append({'id': 'worst_window_5_full', 'library': 'pandas ' + pd.__version__ + ' rolling(5).apply(prod); numpy cov',
              'definition': 'compounded 5-day return of the equal-weight portfolio; start = first return row of the window (0-based in returns)',
              'values': {'start': end - 4, 'end': end + 1, 'return': float(growth.iloc[end]), 'beta_to_TEC1': float(beta)}})


# ---- Constraints beyond per-asset bounds (gross, net band, groups, turnover, cash buffer) ----
# Linear constraints go to R quadprog as they are. |w| terms (gross, turnover) need a sign pattern: SciPy SLSQP solves
# the split form (w = u - v, u, v >= 0, smooth), its signs fix the orthant, and R quadprog solves the QP exactly in
# that orthant (s_i w_i >= 0 there, so sum |w| is linear); the script checks that the two agree within 1e-6.
groups = {g: np.array([1.0 if t.startswith(g) else 0.0 for t in tickers]) for g in ('TEC', 'FIN', 'NRG')}


def slsqp_split(obj_w, grad_w, lin_eq, lin_ineq, absolute, lo, hi):
    """min obj(w) over x = [w, u, v], w = u - v, u, v >= 0; absolute = [(center, limit)] as sum(u + v) <= limit with
    w - center = u - v. lin_eq / lin_ineq: [(a, b)] meaning a'w = b / a'w >= b."""
    k = len(absolute)
    size = n + 2 * n * k
    def split(x):
        return x[:n], [(x[n + 2 * n * j:n + 2 * n * j + n], x[n + 2 * n * j + n:n + 2 * n * (j + 1)]) for j in range(k)]
    cons = []
    for a, b in lin_eq:
        cons.append({'type': 'eq', 'fun': lambda x, a=a, b=b: a @ x[:n] - b, 'jac': lambda x, a=a: np.concatenate([a, np.zeros(size - n)])})
    for a, b in lin_ineq:
        cons.append({'type': 'ineq', 'fun': lambda x, a=a, b=b: a @ x[:n] - b, 'jac': lambda x, a=a: np.concatenate([a, np.zeros(size - n)])})
    for j, (center, limit) in enumerate(absolute):
        def eq(x, j=j, center=center):
            w, uv = split(x)
            return w - center - (uv[j][0] - uv[j][1])
        jac = np.zeros((n, size)); jac[:, :n] = np.eye(n); jac[:, n + 2 * n * j:n + 2 * n * j + n] = -np.eye(n); jac[:, n + 2 * n * j + n:n + 2 * n * (j + 1)] = np.eye(n)
        cons.append({'type': 'eq', 'fun': eq, 'jac': lambda x, jac=jac: jac})
        g = np.zeros(size); g[n + 2 * n * j:n + 2 * n * (j + 1)] = -1
        cons.append({'type': 'ineq', 'fun': lambda x, g=g, limit=limit: limit + g @ x, 'jac': lambda x, g=g: g})
    bounds = [(lo[i], hi[i]) for i in range(n)] + [(0, None)] * (2 * n * k)
    x0 = np.concatenate([np.full(n, 1.0 / n)] + [np.concatenate([np.maximum(np.full(n, 1.0 / n) - c, 0), np.maximum(c - np.full(n, 1.0 / n), 0)]) for c, _ in absolute])
    res = optimize.minimize(lambda x: obj_w(x[:n]), x0, jac=lambda x: np.concatenate([grad_w(x[:n]), np.zeros(size - n)]),
                            method='SLSQP', bounds=bounds, constraints=cons, options={'ftol': 1e-16, 'maxiter': 2000})
    # At ftol this tight SLSQP may end with 'Positive directional derivative' at the optimum; R quadprog's exact answer
    # in the orthant must agree with it anyway (checked by the caller).
    assert res.success or res.status == 8, res.message
    return res.x[:n]


def quadprog_orthant(dmat, dvec, lin_eq, lin_ineq, absolute, lo, hi, w_hint):
    """R quadprog on the orthant of w_hint (per absolute limit: s_i (w_i - c_i) >= 0 and s'(w - c) <= limit)."""
    cols, rhs = [], []
    for a, b in lin_eq:
        cols.append(a); rhs.append(b)
    for a, b in lin_ineq:
        cols.append(a); rhs.append(b)
    for i in range(n):
        if np.isfinite(lo[i]):
            cols.append(eye[i]); rhs.append(lo[i])
        if np.isfinite(hi[i]):
            cols.append(-eye[i]); rhs.append(-hi[i])
    for center, limit in absolute:
        s = np.where(w_hint - center < 0, -1.0, 1.0)
        for i in range(n):
            cols.append(s[i] * eye[i]); rhs.append(s[i] * center[i])
        cols.append(-s); rhs.append(-(limit + s @ center))
    return quadprog_r(dmat, dvec, np.column_stack(cols), np.array(rhs), len(lin_eq))


def bounded_case(case_id, definition, extra, dmat, dvec, lin_eq, lin_ineq, absolute, lo, hi):
    if absolute:
        obj = lambda w: 0.5 * w @ dmat @ w - dvec @ w
        grad = lambda w: dmat @ w - dvec
        hint = slsqp_split(obj, grad, lin_eq, lin_ineq, absolute, lo, hi)
        w = quadprog_orthant(dmat, dvec, lin_eq, lin_ineq, absolute, lo, hi, hint)
        assert np.max(np.abs(w - hint)) < 1e-6, (case_id, np.max(np.abs(w - hint)))
        library = 'R quadprog solve.QP in the orthant found by scipy ' + scipy.__version__ + ' SLSQP on the split form (they agree within 1e-6)'
    else:
        w = quadprog_orthant(dmat, dvec, lin_eq, lin_ineq, [], lo, hi, None)
        library = 'R quadprog solve.QP'
    cases.append({'id': case_id, 'library': library, 'definition': definition + '; S and mu annualised (x252), all returns',
                  'values': {**extra, 'weights': named(w)}})
    return w


zero = np.zeros(n)
ones = np.ones(n)
inf = np.full(n, np.inf)

# Min variance, long-only, cap 0.3, TEC >= 0.35, FIN <= 0.4 (unconstrained they hold 0.17 and 0.53; the TEC floor binds).
bounded_case('gmv_groups_full', "min w'Sw, sum w = 1, 0 <= w <= 0.3, TEC* sum >= 0.35, FIN* sum <= 0.4",
             {'max_weight': 0.3, 'groups': {'TEC': {'min': 0.35}, 'FIN': {'max': 0.4}}},
             cov_full, zero, [(ones, 1.0)], [(groups['TEC'], 0.35), (-groups['FIN'], -0.4)], [], zero, np.full(n, 0.3))

# Min variance, long-only, cap 0.25, cash buffer 0.1 (sum w = 0.9).
bounded_case('gmv_cash10_cap25_full', "min w'Sw, sum w = 0.9 (cash buffer 0.1), 0 <= w <= 0.25", {'max_weight': 0.25, 'cash_buffer': 0.1},
             cov_full, zero, [(ones, 0.9)], [], [], zero, np.full(n, 0.25))

# Mean-variance, risk aversion 10, shorts within [-0.3, 0.6], net exposure in [0.5, 0.8].
bounded_case('mean_variance_ra10_net_band_full', "min 5 w'Sw - mu'w, 0.5 <= sum w <= 0.8, -0.3 <= w <= 0.6",
             {'risk_aversion': 10.0, 'net': [0.5, 0.8], 'bounds': [-0.3, 0.6]},
             10.0 * cov_full, mu_full, [], [(ones, 0.5), (-ones, -0.8)], [], np.full(n, -0.3), np.full(n, 0.6))

# Min variance with shorts, -0.5 <= w <= 1, gross sum |w| <= 1.2 (the unconstrained minimum has a gross above 1.2).
bounded_case('gmv_gross12_full', "min w'Sw, sum w = 1, -0.5 <= w <= 1, sum |w| <= 1.2", {'gross': 1.2, 'bounds': [-0.5, 1.0]},
             cov_full, zero, [(ones, 1.0)], [], [(zero, 1.2)], np.full(n, -0.5), np.full(n, 1.0))

# Mean-variance, risk aversion 10, long-only, turnover sum |w - w0| <= 0.3 from equal weights.
w0 = np.full(n, 1.0 / n)
bounded_case('mean_variance_ra10_turnover30_full', "min 5 w'Sw - mu'w, sum w = 1, w >= 0, sum |w - 1/12| <= 0.3",
             {'risk_aversion': 10.0, 'turnover': 0.3, 'previous': 'equal'},
             10.0 * cov_full, mu_full, [(ones, 1.0)], [], [(w0, 0.3)], zero, inf)

# Mean-variance, risk aversion 4, shorts, gross <= 1.5 and turnover <= 0.8 from equal weights, NRG <= 0.1, cash 0.05.
bounded_case('mean_variance_ra4_gross_turnover_full',
             "min 2 w'Sw - mu'w, sum w = 0.95 (cash buffer 0.05), sum |w| <= 1.5, sum |w - 1/12| <= 0.8, NRG* sum <= 0.1, no bounds",
             {'risk_aversion': 4.0, 'gross': 1.5, 'turnover': 0.8, 'previous': 'equal', 'cash_buffer': 0.05, 'groups': {'NRG': {'max': 0.1}}},
             4.0 * cov_full, mu_full, [(ones, 0.95)], [(-groups['NRG'], -0.1)], [(zero, 1.5), (w0, 0.8)], np.full(n, -np.inf), inf)

# Max Sharpe, long-only, cap 0.35, TEC <= 0.3: SLSQP on the ratio itself, confirmed by R quadprog on the homogeneous
# transform (min y'Sy, mu'y = 1, y >= 0, 0.35 sum y - y_i >= 0, 0.3 sum y - TEC'y >= 0; w = y / sum y).
cols = [mu_full] + [eye[i] for i in range(n)] + [0.35 * ones - eye[i] for i in range(n)] + [0.3 * ones - groups['TEC']]
y = quadprog_r(cov_full, zero, np.column_stack(cols), np.concatenate([[1.0], np.zeros(2 * n + 1)]), 1)
w_qp = y / y.sum()
res = optimize.minimize(lambda w: -(mu_full @ w) / np.sqrt(w @ cov_full @ w), np.full(n, 1.0 / n), method='SLSQP',
                        bounds=[(0, 0.35)] * n, constraints=[{'type': 'eq', 'fun': lambda w: w.sum() - 1},
                                                             {'type': 'ineq', 'fun': lambda w: 0.3 - groups['TEC'] @ w}],
                        options={'ftol': 1e-16, 'maxiter': 1000})
assert np.max(np.abs(res.x - w_qp)) < 1e-5, np.max(np.abs(res.x - w_qp))
cases.append({'id': 'max_sharpe_cap35_tec30_full', 'library': 'R quadprog solve.QP on the homogeneous transform, confirmed by scipy ' + scipy.__version__ + ' SLSQP on the ratio (within 1e-5)',
              'definition': 'max mu\'w / sqrt(w\'Sw), sum w = 1, 0 <= w <= 0.35, TEC* sum <= 0.3, rf 0; S and mu annualised, all returns',
              'values': {'max_weight': 0.35, 'groups': {'TEC': {'max': 0.3}}, 'weights': named(w_qp), 'sharpe': float(mu_full @ w_qp / np.sqrt(w_qp @ cov_full @ w_qp))}})


# ---- HRP with per-asset bounds: skfolio's bounded recursive bisection ----
# skfolio (HierarchicalRiskParity with min_weights / max_weights) clamps each split factor alpha into the range the
# bounds of both halves allow, given the weight the parent cluster holds. Transcribed here on top of SciPy's single
# linkage and pre-order leaves (PyPortfolioOpt's HRPOpt order, as the visible hrp case), bisecting the ordered list.
def hrp_bounded(cov, lo, hi):
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    dist = np.sqrt(np.clip((1.0 - corr) / 2.0, 0.0, 1.0))
    import scipy.cluster.hierarchy as sch
    from scipy.spatial.distance import squareform
    link = sch.linkage(squareform(dist, checks=False), 'single')
    order = list(sch.to_tree(link, rd=False).pre_order())
    w = np.ones(len(order))
    items = [order]
    def cvar(c):
        sub = cov[np.ix_(c, c)]
        iv = 1.0 / np.diag(sub)
        iv /= iv.sum()
        return iv @ sub @ iv
    while items:
        nxt = []
        for c in items:
            if len(c) <= 1:
                continue
            half = len(c) // 2
            left, right = c[:half], c[half:]
            nxt += [left, right]
            v1, v2 = cvar(left), cvar(right)
            alpha = 1 - v1 / (v1 + v2)
            alpha = min(hi[left].sum() / w[left[0]], max(lo[left].sum() / w[left[0]], alpha))
            alpha = 1 - min(hi[right].sum() / w[right[0]], max(lo[right].sum() / w[right[0]], 1 - alpha))
            w[left] *= alpha
            w[right] *= 1 - alpha
        items = nxt
    return w, order

for case_id, lo_v, hi_v in (('hrp_cap10_full', 0.0, 0.10), ('hrp_min4_cap12_full', 0.04, 0.12)):
    w, order = hrp_bounded(cov_full, np.full(n, lo_v), np.full(n, hi_v))
    cases.append({'id': case_id, 'library': 'skfolio HierarchicalRiskParity bounded bisection rule transcribed to numpy ' + np.__version__ + ' on scipy ' + scipy.__version__ + ' single linkage',
                  'definition': f'HRP, single linkage, {lo_v} <= w <= {hi_v}; S = sample cov ddof 1 * 252, all returns',
                  'values': {'min_weight': lo_v, 'max_weight': hi_v, 'leaf_order': [tickers[i] for i in order], 'weights': named(w)}})


# ---- Capped proportional weights (equal / inverse volatility with bounds) ----
# w_i = clip(k r_i, lo, hi) with k such that sum w = 1: SciPy brentq on the piecewise-linear sum, then the exact k
# from the assets left strictly inside their bounds.
def capped(raw, lo, hi):
    f = lambda k: np.clip(k * raw, lo, hi).sum() - 1
    k = optimize.brentq(f, 0, 1e6 / raw.min(), xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=10000)
    w = np.clip(k * raw, lo, hi)
    inside = (k * raw > lo) & (k * raw < hi)
    k = (1 - w[~inside].sum()) / raw[inside].sum()
    return np.where(inside, k * raw, w)

iv = 1 / full.std().values
cases.append({'id': 'inverse_vol_min5_cap10_full', 'library': 'scipy ' + scipy.__version__ + ' brentq on sum clip(k/sigma, 0.05, 0.10) = 1',
              'definition': 'w_i = clip(k / sigma_i, 0.05, 0.10), sum w = 1; sigma = pandas std ddof 1, all returns',
              'values': {'min_weight': 0.05, 'max_weight': 0.10, 'weights': named(capped(iv, 0.05, 0.10))}})


# ---- Allocators across strategies ----
# Four strategy return series on universe12 (all returns): equal-weight TEC, FIN and NRG sectors (daily rebalanced)
# and a 50/50 long TEC1 / short NRG1 spread.
strategies = np.column_stack([full[[t for t in tickers if t.startswith(g)]].values.mean(axis=1) for g in ('TEC', 'FIN', 'NRG')]
                             + [0.5 * full['TEC1'].values - 0.5 * full['NRG1'].values])
sframe = pd.DataFrame(strategies)
s_iv = 1 / sframe.std().values
s_cov = sframe.cov().values
sb = np.full(4, 0.25)
res = optimize.minimize(lambda y: 0.5 * np.exp(y) @ s_cov @ np.exp(y) - sb @ y, np.log(1 / np.sqrt(np.diag(s_cov))),
                        jac=lambda y: np.exp(y) * (s_cov @ np.exp(y)) - sb,
                        hess=lambda y: np.outer(np.exp(y), np.exp(y)) * s_cov + np.diag(np.exp(y) * (s_cov @ np.exp(y))),
                        method='trust-exact', options={'gtol': 1e-14})
s_erc = np.exp(res.x) / np.exp(res.x).sum()
cases.append({'id': 'allocators_4_strategies_full', 'library': 'pandas ' + pd.__version__ + ' std / cov (ddof 1); scipy ' + scipy.__version__ + ' trust-exact on Spinu\'s form',
              'definition': 'strategies: equal-weight TEC, FIN, NRG (daily rebalanced), 0.5 TEC1 - 0.5 NRG1; all returns; inverse vol w ~ 1/std; ERC on the sample covariance',
              'values': {'strategies': ['TEC', 'FIN', 'NRG', 'TEC1-NRG1'], 'inverse_vol': [float(v) for v in s_iv / s_iv.sum()],
                         'erc': [float(v) for v in s_erc], 'erc_max_abs_gradient': float(np.max(np.abs(res.jac)))}})

json.dump({'about': __doc__.strip().split('\n')[0], 'tickers': tickers,
           'libraries': {'numpy': np.__version__, 'pandas': pd.__version__, 'scipy': scipy.__version__, 'scikit-learn': sklearn.__version__},
           'cases': cases}, sys.stdout, indent=1)
sys.stdout.write('\n')
