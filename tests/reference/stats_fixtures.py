#!/usr/bin/python3
"""Reference fixtures for Scratch.ML.Numerics (statistics and optimisation) from SciPy/NumPy.

Run with Debian's interpreter:  /usr/bin/python3 tests/reference/stats_fixtures.py
Writes tests/reference/fixtures/stats/*.json. Every file records the peer versions. Inputs are generated from a
fixed NumPy seed and stored in the fixture, so the C# tests never need Python.
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, special, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "stats")
META = {"numpy": np.__version__, "scipy": scipy.__version__, "script": "tests/reference/stats_fixtures.py"}


def f(v):
    """JSON-safe float: NaN/inf as strings."""
    v = float(v)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def fl(vs):
    return [f(v) for v in np.ravel(vs)]


def dump(name, payload):
    payload = dict(meta=META, **payload)
    with open(os.path.join(OUT, name), "w") as fh:
        json.dump(payload, fh, indent=1)


def special_functions():
    xs = [1e-300, 1e-10, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.7, 9.99, 10.0, 25.5, 100.0, 171.3, 1e5, -0.5, -1.5, -2.25]
    a_list = [0.1, 0.5, 1.0, 2.5, 10.0, 50.0, 200.0]
    gam = []
    for a in a_list:
        for x in [1e-5, 0.1, 0.5 * a, a, a + 1, 2 * a + 3, 5 * a + 20]:
            gam.append(dict(a=a, x=x, p=f(special.gammainc(a, x)), q=f(special.gammaincc(a, x))))
    for a in [1000.0, 20000.0]:   # large shapes: both methods need ~sqrt(a) terms near x = a
        for x in [0.9 * a, a - 1, a + 1, 1.1 * a]:
            gam.append(dict(a=a, x=x, p=f(special.gammainc(a, x)), q=f(special.gammaincc(a, x))))
    beta = []
    for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.5, 5), (5, 0.5), (10, 10), (50, 20), (200, 300), (1e-3, 2.0), (3000.0, 7000.0)]:
        for x in [1e-8, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-8]:
            beta.append(dict(a=a, b=b, x=x, value=f(special.betainc(a, b, x))))
    erf_x = [-6.0, -3.0, -1.0, -0.5, -1e-9, 0.0, 1e-12, 0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 26.0]
    erfinv_y = [-0.999999, -0.9, -0.5, -1e-10, 0.0, 1e-10, 0.1, 0.5, 0.9, 0.99, 0.999999999, 1 - 1e-15]
    erfcinv_q = [1e-300, 1e-100, 1e-20, 1e-10, 0.01, 0.3, 0.5, 1.0, 1.5, 1.99]
    dig_x = [1e-3, 0.1, 0.5, 1.0, 1.4616321449683622, 2.0, 3.3, 10.0, 55.5, 1e4, -0.5, -2.7]
    dump("special.json", dict(
        lgamma=[dict(x=x, value=f(special.gammaln(x))) for x in xs],
        gamma=[dict(x=x, value=f(special.gamma(x))) for x in xs if x < 171.5],
        incgamma=gam,
        incbeta=beta,
        erf=[dict(x=x, erf=f(special.erf(x)), erfc=f(special.erfc(x))) for x in erf_x],
        erfinv=[dict(y=y, value=f(special.erfinv(y))) for y in erfinv_y],
        erfcinv=[dict(q=q, value=f(special.erfcinv(q))) for q in erfcinv_q],
        digamma=[dict(x=x, value=f(special.digamma(x))) for x in dig_x],
    ))


def checked(d, x, g, h, p):
    """SciPy's quantile, or None when SciPy's own cdf/sf does not reproduce p at it to 1e-12 relative (plus the change
    of the cdf over 4 ulp of x). SciPy 1.10 clamps some extreme tails to +-inf or +-1e100 and its t/F inverses are
    good to ~1e-10 in places; the C# test skips those rows and checks the round trip itself."""
    x = float(x)
    if p > 0.5:  # check the smaller tail probability: the other function, at 1 - p (exact in double)
        g, p = h, 1 - p
    if not np.isfinite(x) or abs(g(x) - p) > 1e-12 * p + 4 * 2.2e-16 * abs(x) * d.pdf(x):
        return None
    return x


def distributions():
    ps = [1e-300, 1e-100, 1e-10, 1e-4, 0.025, 0.3, 0.5, 0.7, 0.975, 1 - 1e-4, 1 - 1e-10]
    cases = [
        ("Normal", [0.0, 1.0], stats.norm(0, 1), [-38.0, -10.0, -5.0, -1.96, -0.3, 0.0, 0.7, 1.96, 5.0, 8.0, 30.0]),
        ("Normal", [3.0, 2.5], stats.norm(3, 2.5), [-20.0, -1.0, 3.0, 4.2, 20.0]),
        ("StudentT", [1.0], stats.t(1), [-1e8, -50.0, -2.0, -0.1, 0.0, 0.5, 3.0, 100.0, 1e10]),
        ("StudentT", [2.5], stats.t(2.5), [-300.0, -4.0, -1.0, 0.0, 1.0, 4.0, 300.0]),
        ("StudentT", [30.0], stats.t(30), [-40.0, -8.0, -2.04, 0.0, 1.0, 2.5, 10.0]),
        ("StudentT", [1000.0], stats.t(1000), [-9.0, -2.0, 0.3, 3.0, 7.0]),
        ("ChiSquared", [1.0], stats.chi2(1), [1e-12, 1e-3, 0.1, 1.0, 3.84, 10.0, 50.0, 200.0]),
        ("ChiSquared", [7.0], stats.chi2(7), [1e-6, 0.5, 2.0, 7.0, 14.07, 40.0, 150.0]),
        ("ChiSquared", [150.0], stats.chi2(150), [60.0, 100.0, 150.0, 200.0, 300.0]),
        ("FisherF", [3.0, 17.0], stats.f(3, 17), [1e-6, 0.2, 1.0, 3.2, 10.0, 100.0]),
        ("FisherF", [1.0, 1.0], stats.f(1, 1), [1e-6, 0.5, 1.0, 100.0, 1e8]),
        ("FisherF", [40.0, 200.0], stats.f(40, 200), [0.3, 0.8, 1.0, 1.5, 3.0]),
        ("Gamma", [0.3, 1.0], stats.gamma(0.3, scale=1.0), [1e-20, 1e-4, 0.1, 1.0, 5.0, 40.0]),
        ("Gamma", [4.5, 2.0], stats.gamma(4.5, scale=2.0), [0.01, 1.0, 9.0, 20.0, 80.0]),
        ("Beta", [0.5, 0.5], stats.beta(0.5, 0.5), [1e-12, 0.01, 0.3, 0.5, 0.99, 1 - 1e-12]),
        ("Beta", [2.0, 5.0], stats.beta(2, 5), [1e-6, 0.1, 0.3, 0.6, 0.95]),
        ("Beta", [30.0, 0.7], stats.beta(30, 0.7), [0.5, 0.9, 0.99, 0.9999]),
        # Awkward parameters: heavy tails, shapes far below and above 1.
        ("StudentT", [0.5], stats.t(0.5), [-1e6, -3.0, 0.2, 40.0]),
        ("ChiSquared", [0.1], stats.chi2(0.1), [1e-30, 1e-5, 0.5, 5.0]),
        ("Gamma", [0.005, 3.0], stats.gamma(0.005, scale=3.0), [1e-200, 1e-50, 1e-5, 0.3, 4.0]),
        ("Gamma", [800.0, 0.5], stats.gamma(800, scale=0.5), [300.0, 380.0, 400.0, 430.0, 500.0]),
        ("Beta", [0.05, 0.05], stats.beta(0.05, 0.05), [1e-20, 1e-3, 0.5, 0.999]),
        ("Beta", [400.0, 600.0], stats.beta(400, 600), [0.33, 0.38, 0.4, 0.43, 0.47]),
        ("FisherF", [0.5, 0.7], stats.f(0.5, 0.7), [1e-8, 0.1, 1.0, 1e3]),
        ("Uniform", [-2.0, 3.0], stats.uniform(-2, 5), [-3.0, -2.0, 0.0, 2.9, 3.0, 4.0]),
        ("Exponential", [1.5], stats.expon(scale=1 / 1.5), [0.0, 1e-10, 0.5, 3.0, 30.0]),
    ]
    out = []
    for name, params, d, xs in cases:
        rows = [dict(x=x, pdf=f(d.pdf(x)), logpdf=f(d.logpdf(x)), cdf=f(d.cdf(x)), sf=f(d.sf(x))) for x in xs]
        qrows = [dict(p=p, ppf=checked(d, d.ppf(p), d.cdf, d.sf, p), isf=checked(d, d.isf(p), d.sf, d.cdf, p)) for p in ps]
        out.append(dict(name=name, params=params, mean=f(d.mean()), var=f(d.var()), points=rows, quantiles=qrows))
    dump("distributions.json", dict(cases=out))


def samples():
    rng = np.random.default_rng(20261121)
    return dict(
        a=np.round(rng.normal(5.0, 2.0, 23), 6),
        b=np.round(rng.normal(6.1, 3.0, 31), 6),
        c=np.round(rng.gamma(2.0, 1.5, 17), 6),
        ties=np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0, 8.0, 9.0, 7.0, 9.0]),
        pair_x=np.round(rng.normal(10.0, 1.0, 15), 6),
    )


def descriptive():
    s = samples()
    out = []
    for name, x in s.items():
        m = stats.mode(x, keepdims=False)
        out.append(dict(
            name=name, data=fl(x), mean=f(np.mean(x)), var0=f(np.var(x)), var1=f(np.var(x, ddof=1)),
            std1=f(np.std(x, ddof=1)), skew=f(stats.skew(x)), skew_unbiased=f(stats.skew(x, bias=False)),
            kurtosis=f(stats.kurtosis(x)), kurtosis_unbiased=f(stats.kurtosis(x, bias=False)),
            median=f(np.median(x)), mode=f(m.mode), mode_count=int(m.count)))
    w = np.arange(1, len(s["a"]) + 1, dtype=float)
    weighted = dict(data=fl(s["a"]), weights=fl(w), value=f(np.average(s["a"], weights=w)))
    methods = ["linear", "lower", "higher", "midpoint", "nearest", "hazen", "weibull", "median_unbiased",
               "normal_unbiased", "interpolated_inverted_cdf"]
    qs = [0.0, 0.01, 0.1, 0.25, 0.3333, 0.5, 0.75, 0.9, 0.99, 1.0]
    quant = []
    for name in ["a", "ties", "c"]:
        x = s[name]
        for m in methods:
            quant.append(dict(sample=name, data=fl(x), method=m, q=qs, values=fl(np.quantile(x, qs, method=m))))
    small = np.array([7.0, 1.0, 3.0, 3.5])
    for m in methods:
        quant.append(dict(sample="small", data=fl(small), method=m, q=qs, values=fl(np.quantile(small, qs, method=m))))
    # Axis-wise statistics on a 3-D tensor.
    rng = np.random.default_rng(7)
    t = np.round(rng.normal(size=(3, 4, 5)), 6)
    axis = [dict(axis=ax, mean=fl(t.mean(axis=ax)), var1=fl(t.var(axis=ax, ddof=1)), median=fl(np.median(t, axis=ax)),
                 q30=fl(np.quantile(t, 0.3, axis=ax)), shape=list(t.mean(axis=ax).shape)) for ax in range(3)]
    dump("descriptive.json", dict(samples=out, weighted=weighted, quantiles=quant,
                                  tensor=dict(shape=list(t.shape), data=fl(t), axes=axis)))


def correlation():
    rng = np.random.default_rng(11)
    z = rng.normal(size=(40, 4))
    x = np.round(np.column_stack([z[:, 0], 0.6 * z[:, 0] + 0.8 * z[:, 1], np.exp(z[:, 2]), np.round(z[:, 3] * 2)]), 6)
    pr = [stats.pearsonr(x[:, 0], x[:, 1]), stats.spearmanr(x[:, 2], x[:, 3])]
    dump("correlation.json", dict(
        data=fl(x), rows=x.shape[0], cols=x.shape[1],
        cov=fl(np.cov(x, rowvar=False)), cov0=fl(np.cov(x, rowvar=False, ddof=0)), pearson=fl(np.corrcoef(x, rowvar=False)),
        spearman=fl(stats.spearmanr(x).correlation),
        pearson01=dict(r=f(pr[0][0]), p=f(pr[0][1])), spearman23=dict(r=f(pr[1][0]), p=f(pr[1][1])),
        ranks_ties=fl(stats.rankdata(samples()["ties"]))))


def tests():
    s = samples()
    a, b, px = s["a"], s["b"], s["pair_x"]
    py = np.round(px + 0.3 + np.random.default_rng(3).normal(0, 0.5, len(px)), 6)
    out = []
    for alt in ["two-sided", "less", "greater"]:
        r = stats.ttest_1samp(a, 4.2, alternative=alt)
        out.append(dict(kind="one_sample", alternative=alt, mu=4.2, x=fl(a), statistic=f(r.statistic), pvalue=f(r.pvalue), df=len(a) - 1))
        for eq in [True, False]:
            r = stats.ttest_ind(a, b, equal_var=eq, alternative=alt)
            va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
            df = len(a) + len(b) - 2 if eq else (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
            out.append(dict(kind="student" if eq else "welch", alternative=alt, x=fl(a), y=fl(b), statistic=f(r.statistic), pvalue=f(r.pvalue), df=f(df)))
        r = stats.ttest_rel(px, py, alternative=alt)
        out.append(dict(kind="paired", alternative=alt, x=fl(px), y=fl(py), statistic=f(r.statistic), pvalue=f(r.pvalue), df=len(px) - 1))
    obs = np.array([16.0, 18.0, 16.0, 14.0, 12.0, 12.0])
    expct = np.array([16.0, 16.0, 16.0, 16.0, 16.0, 8.0])
    gof = [
        dict(observed=fl(obs), expected=None, ddof=0, **res(stats.chisquare(obs)), df=len(obs) - 1),
        dict(observed=fl(obs), expected=fl(expct), ddof=0, **res(stats.chisquare(obs, expct)), df=len(obs) - 1),
        dict(observed=fl(obs), expected=fl(expct), ddof=2, **res(stats.chisquare(obs, expct, ddof=2)), df=len(obs) - 3),
    ]
    tables = [np.array([[10.0, 20.0, 30.0], [6.0, 9.0, 17.0]]), np.array([[12.0, 5.0], [7.0, 19.0]]),
              np.array([[3.0, 8.0, 2.0, 9.0], [4.0, 1.0, 7.0, 5.0], [6.0, 6.0, 3.0, 2.0]])]
    cont = []
    for tbl in tables:
        for corr in [True, False]:
            st, p, dof, ex = stats.chi2_contingency(tbl, correction=corr)
            cont.append(dict(table=fl(tbl), rows=tbl.shape[0], cols=tbl.shape[1], correction=corr, statistic=f(st), pvalue=f(p), df=int(dof), expected=fl(ex)))
    g3 = s["c"]
    r = stats.f_oneway(a, b, g3)
    anova = dict(groups=[fl(a), fl(b), fl(g3)], statistic=f(r.statistic), pvalue=f(r.pvalue), df_between=2, df_within=len(a) + len(b) + len(g3) - 3)
    dump("tests.json", dict(ttests=out, chisquare=gof, contingency=cont, anova=anova))


def res(r):
    return dict(statistic=f(r.statistic), pvalue=f(r.pvalue))


def beale(p):
    return (1.5 - p[0] + p[0] * p[1]) ** 2 + (2.25 - p[0] + p[0] * p[1] ** 2) ** 2 + (2.625 - p[0] + p[0] * p[1] ** 3) ** 2


def beale_der(p):
    x, y = p
    a, b, c = 1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y ** 3
    return np.array([2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1), 2 * a * x + 4 * b * x * y + 6 * c * x * y * y])


def booth(p):
    return (p[0] + 2 * p[1] - 7) ** 2 + (2 * p[0] + p[1] - 5) ** 2


def booth_der(p):
    a, b = p[0] + 2 * p[1] - 7, 2 * p[0] + p[1] - 5
    return np.array([2 * a + 4 * b, 4 * a + 2 * b])


def himmelblau(p):
    return (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2


def himmelblau_der(p):
    a, b = p[0] ** 2 + p[1] - 11, p[0] + p[1] ** 2 - 7
    return np.array([4 * a * p[0] + 2 * b, 2 * a + 4 * b * p[1]])


def optimisation():
    problems = {
        "Rosenbrock2": (optimize.rosen, optimize.rosen_der, [-1.2, 1.0], None),
        "Rosenbrock10": (optimize.rosen, optimize.rosen_der, [-1.2, 1.0] * 5, None),
        "Beale": (beale, beale_der, [1.0, 1.0], None),
        "Booth": (booth, booth_der, [0.0, 0.0], None),
        "Himmelblau": (himmelblau, himmelblau_der, [1.0, 1.0], None),
        "RosenbrockBounded": (optimize.rosen, optimize.rosen_der, [-1.2, 1.0], [(-2, 0.5), (-2, 2)]),
        "Rosenbrock10Bounded": (optimize.rosen, optimize.rosen_der, [-1.2, 1.0] * 5, [(-2, 0.7)] * 5 + [(-2, 2)] * 5),
    }
    out = []
    for name, (fun, jac, x0, bounds) in problems.items():
        for method in ["L-BFGS-B", "Nelder-Mead", "CG"]:
            if bounds is not None and method != "L-BFGS-B":
                continue
            if name == "Rosenbrock10" and method == "Nelder-Mead":
                continue  # 10-d Nelder-Mead lands in either of two local minima depending on tie-breaking details
            opts = {"Nelder-Mead": dict(xatol=1e-10, fatol=1e-12, maxiter=20000, maxfev=40000),
                    "L-BFGS-B": dict(gtol=1e-10, ftol=1e-15, maxiter=5000),
                    "CG": dict(gtol=1e-9, maxiter=20000)}[method]
            r = optimize.minimize(fun, np.array(x0), jac=jac if method != "Nelder-Mead" else None, method=method,
                                  bounds=bounds, options=opts)
            out.append(dict(problem=name, method=method, x0=x0, bounds=None if bounds is None else [list(b) for b in bounds], x=fl(r.x), fun=f(r.fun), nit=int(r.nit), nfev=int(r.nfev), success=bool(r.success)))
    dump("optimize.json", dict(results=out))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    special_functions()
    distributions()
    descriptive()
    correlation()
    tests()
    optimisation()
    print("wrote", sorted(os.listdir(OUT)))
