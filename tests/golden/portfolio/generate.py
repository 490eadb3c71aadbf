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

json.dump({'about': __doc__.strip().split('\n')[0], 'tickers': tickers,
           'libraries': {'numpy': np.__version__, 'pandas': pd.__version__, 'scipy': scipy.__version__, 'scikit-learn': sklearn.__version__},
           'cases': cases}, sys.stdout, indent=1)
sys.stdout.write('\n')
