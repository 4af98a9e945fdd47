#!/usr/bin/python3
"""Fixtures for BayesianRidge, HuberRegressor, QuantileRegressor, LinearModelStatistics (statsmodels OLS) and a
PolynomialFeatures + LinearRegression/Ridge pipeline, from scikit-learn 1.2 / SciPy 1.10 / statsmodels 0.13.

Writes tests/reference/fixtures/learn/linear_extra/linear_extra.json.
Run: /usr/bin/python3 tests/reference/sklearn_linear_extra.py
"""
import json, os, warnings
import numpy as np
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.datasets import load_diabetes
from sklearn.linear_model import BayesianRidge, HuberRegressor, QuantileRegressor, LinearRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261122)
out = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__}

xd, yd = load_diabetes(return_X_y=True)

# Synthetic regression with outliers: 60 rows, 3 features, 6 gross outliers in y.
xs = rng.normal(size=(60, 3)) * [1.0, 2.0, 0.5] + [0.5, -1.0, 2.0]
ys = xs @ [1.5, -2.0, 0.75] + 0.5 + rng.normal(scale=0.3, size=60)
ys[::10] += rng.choice([-1, 1], size=6) * rng.uniform(8, 15, size=6)
ws = rng.uniform(0.2, 3.0, size=60)
xw = rng.normal(size=(8, 12))  # wide
yw = xw[:, 0] - 2 * xw[:, 3] + rng.normal(scale=0.1, size=8)
out["data"] = {"x": xs.tolist(), "y": ys.tolist(), "w": ws.tolist(), "xw": xw.tolist(), "yw": yw.tolist()}

def bayes(xx, yy, sw=None, **kw):
    m = BayesianRidge(compute_score=True, **kw).fit(xx, yy, sample_weight=sw)
    mean, std = m.predict(xx[:12], return_std=True)
    return {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), "alpha": float(m.alpha_), "lambda": float(m.lambda_),
            "sigma": m.sigma_.tolist(), "scores": m.scores_.tolist(), "n_iter": int(m.n_iter_),
            "mean": mean.tolist(), "std": std.tolist()}

out["bayes"] = {
    "diabetes": bayes(xd, yd),
    "synthetic": bayes(xs, ys),
    "weighted": bayes(xs, ys, ws),
    "no_intercept": bayes(xs, ys, fit_intercept=False),
    "wide": bayes(xw, yw),
    "priors": bayes(xs, ys, alpha_1=2.0, alpha_2=0.5, lambda_1=0.1, lambda_2=3.0, tol=1e-6),
}

def huber(xx, yy, sw=None, **kw):
    m = HuberRegressor(**kw).fit(xx, yy, sample_weight=sw)
    return {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), "scale": float(m.scale_),
            "outliers": [bool(o) for o in m.outliers_], "n_iter": int(m.n_iter_)}

def huber_tight(xx, yy, sw=None, **kw):
    # The optimum itself (tight tolerance, large budget): what an L-BFGS run with any path converges to.
    m = HuberRegressor(tol=1e-12, max_iter=100000, **kw)
    from scipy import optimize
    from sklearn.linear_model._huber import _huber_loss_and_gradient
    sw = np.ones(len(yy)) if sw is None else sw
    p0 = np.zeros(xx.shape[1] + (2 if m.fit_intercept else 1)); p0[-1] = 1
    bounds = np.tile([-np.inf, np.inf], (p0.shape[0], 1)); bounds[-1][0] = np.finfo(np.float64).eps * 10
    r = optimize.minimize(_huber_loss_and_gradient, p0, method="L-BFGS-B", jac=True,
                          args=(xx, yy, m.epsilon, m.alpha, sw),
                          options={"maxiter": 100000, "gtol": 1e-12, "ftol": 1e-15, "iprint": -1}, bounds=bounds)
    return {"params": r.x.tolist(), "loss": float(r.fun)}

out["huber"] = {
    "synthetic": huber(xs, ys), "synthetic_opt": huber_tight(xs, ys),
    "weighted": huber(xs, ys, ws), "weighted_opt": huber_tight(xs, ys, ws),
    "no_intercept": huber(xs, ys, fit_intercept=False), "no_intercept_opt": huber_tight(xs, ys, fit_intercept=False),
    "eps_alpha": huber(xs, ys, epsilon=1.1, alpha=0.5), "eps_alpha_opt": huber_tight(xs, ys, epsilon=1.1, alpha=0.5),
    "diabetes": huber(xd, yd, max_iter=1000), "diabetes_opt": huber_tight(xd, yd),
}

def quantile(xx, yy, sw=None, **kw):
    m = QuantileRegressor(solver="highs", **kw).fit(xx, yy, sample_weight=sw)
    sw1 = np.ones(len(yy)) if sw is None else sw
    r = yy - xx @ m.coef_ - m.intercept_
    q = m.quantile
    obj = np.sum(sw1 * np.where(r >= 0, q * r, (q - 1) * r)) + np.sum(sw1) * m.alpha * np.abs(m.coef_).sum()
    return {"coef": m.coef_.tolist(), "intercept": float(m.intercept_), "objective": float(obj)}

out["quantile"] = {
    "median": quantile(xs, ys, alpha=0.0),
    "default": quantile(xs, ys),
    "q90": quantile(xs, ys, quantile=0.9, alpha=0.01),
    "q20_weighted": quantile(xs, ys, ws, quantile=0.2, alpha=0.005),
    "no_intercept": quantile(xs, ys, quantile=0.7, alpha=0.0, fit_intercept=False),
    "diabetes": quantile(xd, yd, alpha=0.0),
    "diabetes_l1": quantile(xd, yd, quantile=0.75, alpha=0.01),
}

# Random small LPs (heavy-tailed noise, random τ, α, intercept and weights), data rounded to 4 decimals to stay small.
lp_rng = np.random.default_rng(7)
random_cases = []
for c in range(10):
    n = int(lp_rng.integers(5, 31)); d = int(lp_rng.integers(1, 5))
    x = np.round(lp_rng.normal(size=(n, d)) * lp_rng.uniform(0.1, 10, size=d), 4)
    y = np.round(x @ lp_rng.normal(size=d) + lp_rng.standard_t(2, size=n) * lp_rng.uniform(0.1, 5), 4)
    tau = float(np.round(lp_rng.uniform(0.05, 0.95), 4)); alpha = float(lp_rng.choice([0, 0.001, 0.05, 0.5]))
    fi = bool(lp_rng.integers(0, 2))
    sw = np.round(lp_rng.uniform(0.1, 3, size=n), 4) if lp_rng.integers(0, 2) else None
    r = quantile(x, y, sw, quantile=tau, alpha=alpha, fit_intercept=fi)
    r.update({"x": x.tolist(), "y": y.tolist(), "w": None if sw is None else sw.tolist(), "tau": tau, "alpha": alpha, "fit_intercept": fi})
    random_cases.append(r)
out["quantile_random"] = random_cases

def ols(xx, yy, const):
    xm = sm.add_constant(xx) if const else xx
    r = sm.OLS(yy, xm).fit()
    ci = r.conf_int(0.05)
    return {"params": r.params.tolist(), "bse": r.bse.tolist(), "t": r.tvalues.tolist(), "p": r.pvalues.tolist(),
            "ci_low": ci[:, 0].tolist(), "ci_high": ci[:, 1].tolist(), "r2": r.rsquared, "r2_adj": r.rsquared_adj,
            "f": r.fvalue, "f_p": r.f_pvalue, "rse": float(np.sqrt(r.scale)), "llf": r.llf, "aic": r.aic, "bic": r.bic,
            "df_model": r.df_model, "df_resid": r.df_resid, "ci90_low": r.conf_int(0.10)[:, 0].tolist()}

out["ols"] = {"diabetes": ols(xd, yd, True), "synthetic_no_const": ols(xs, ys, False)}

# Cubic through PolynomialFeatures(3) + LinearRegression / Ridge.
xc = np.linspace(-2, 2, 25).reshape(-1, 1)
yc = 1 - 2 * xc[:, 0] + 0.5 * xc[:, 0] ** 2 + 0.3 * xc[:, 0] ** 3 + rng.normal(scale=0.2, size=25)
xq = np.array([[-1.7], [0.05], [1.3], [2.5]])
pl = make_pipeline(PolynomialFeatures(3), LinearRegression()).fit(xc, yc)
pr = make_pipeline(PolynomialFeatures(3, include_bias=False), Ridge(alpha=0.1)).fit(xc, yc)
out["poly"] = {"x": xc[:, 0].tolist(), "y": yc.tolist(), "xq": xq[:, 0].tolist(),
               "ols": {"coef": pl[-1].coef_.tolist(), "intercept": float(pl[-1].intercept_), "pred": pl.predict(xq).tolist()},
               "ridge": {"coef": pr[-1].coef_.tolist(), "intercept": float(pr[-1].intercept_), "pred": pr.predict(xq).tolist()}}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "linear_extra", "linear_extra.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
print("wrote", path, os.path.getsize(path), "bytes")
for k in ("diabetes", "synthetic", "wide"):
    print("bayes", k, out["bayes"][k]["n_iter"])
for k in ("synthetic", "weighted", "no_intercept", "eps_alpha", "diabetes"):
    print("huber", k, out["huber"][k]["n_iter"], out["huber"][k]["coef"][:2], out["huber"][k + "_opt"]["params"][:2])
for k, v in out["quantile"].items():
    print("quantile", k, v["coef"], v["objective"])
