"""
The scipy side of the buyer-model benches (issue 21): times scipy.optimize.minimize with
method="Nelder-Mead" on the same log-likelihoods our fits maximise, on the same customers, from
the same starts, as a Python user of lifetimes would fit them: vectorised numpy, the mean
negative log-likelihood over log-parameters, tol 1e-8, at most 2,000 iterations.

    python3 bench/scipy/fits.py INPUT.json [TIMED_RUNS]

INPUT.json: {"fits": [{"name": ..., "model": "bgnbd" | "mbgnbd" | "gg" | "bgbb" | "paretonbd",
"data": {column: [numbers]}}]}; columns frequency, recency, T (BG/NBD, MBG/NBD, Pareto/NBD),
frequency, monetary (Gamma-Gamma), frequency, recency, n (BG/BB), and optionally weight.
Each fit first runs five untimed iterations (numpy's and scipy's first calls), then is timed
TIMED_RUNS times (default 5).
Prints one JSON object: {"scipy": version, "fits": [{"name", "model", "times_ms", "median_ms",
"worst_ms", "params", "log_likelihood", "evaluations", "converged"}]}, params on the natural
scale and log_likelihood the weighted sum at them (comparable with our fits' figures).
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1, logsumexp


def bgnbd_ll(params, x, tx, T, w):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    # x = 0 has no second term: log(0) = -inf drops out of logaddexp.
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(
            x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf
        )
    return np.sum(w * (a1 + a2 + np.logaddexp(a3, a4)))


def mbgnbd_ll(params, x, tx, T, w):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x + 1) - gammaln(b) - gammaln(a + b + x + 1)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.log(a) - np.log(b + x) + (r + x) * (np.log(alpha + T) - np.log(alpha + tx))
    return np.sum(w * (a1 + a2 + a3 + np.logaddexp(0, a4)))


def gg_ll(params, x, m, w):
    p, q, v = params
    ll = (
        gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)
    )
    return np.sum(w * ll)


def bgbb_ll(params, x, tx, n, w):
    """lifetimes' BG/BB likelihood, on (x, t_x, n) patterns with their counts as weights."""
    alpha, beta, gamma, delta = params
    den = betaln(alpha, beta) + betaln(gamma, delta)
    terms = [betaln(alpha + x, beta + n - x) + betaln(gamma, delta + n)]
    for i in range(int(np.max(n - tx))):
        live = (n - tx - 1) >= i
        with np.errstate(invalid="ignore"):
            s = betaln(alpha + x, beta + tx - x + i) + betaln(gamma + 1, delta + tx + i)
        terms.append(np.where(live, s, -np.inf))
    return np.sum(w * (logsumexp(np.vstack(terms), axis=0) - den))


def paretonbd_ll(params, x, tx, T, w):
    """lifetimes' Pareto/NBD likelihood: A_0 from two hyp2f1 per customer."""
    r, alpha, s, beta = params
    if alpha < beta:
        lo, hi, t = alpha, beta, r + x
    else:
        lo, hi, t = beta, alpha, s + 1
    rsx = r + s + x
    p1 = hyp2f1(rsx, t, rsx + 1.0, (hi - lo) / (hi + tx))
    q1 = hi + tx
    p2 = hyp2f1(rsx, t, rsx + 1.0, (hi - lo) / (hi + T))
    q2 = hi + T
    with np.errstate(divide="ignore", invalid="ignore"):
        sign = np.ones_like(x)
        log_a0 = logsumexp(
            [np.log(p1) + rsx * np.log(q2), np.log(p2) + rsx * np.log(q1)],
            axis=0,
            b=[sign, -sign],
        ) - rsx * np.log(q1 * q2)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    a2 = np.logaddexp(
        -(r + x) * np.log(alpha + T) - s * np.log(beta + T), np.log(s) + log_a0 - np.log(rsx)
    )
    return np.sum(w * (a1 + a2))


def prepared(fit):
    """The likelihood, its columns and the start our fit climbs from (mirrored here)."""
    d = {k: np.asarray(v, dtype=float) for k, v in fit["data"].items()}
    w = d.get("weight", np.ones_like(d["frequency"]))
    model = fit["model"]
    x = d["frequency"]
    if model in ("bgnbd", "mbgnbd", "paretonbd"):
        # Ours: r = 1 (and s = 1), α = Σw T / Σw x (the mean purchase rate's inverse); a = 1, b = 3.
        scale = np.sum(w * d["T"]) / np.sum(w * x)
        if model == "paretonbd":
            start = [1.0, scale, 1.0, max(np.sum(w * d["T"]) / np.sum(w), 1e-6)]
        else:
            start = [1.0, scale, 1.0, 3.0]
        ll = {"bgnbd": bgnbd_ll, "mbgnbd": mbgnbd_ll, "paretonbd": paretonbd_ll}[model]
        return ll, (x, d["recency"], d["T"], w), start
    if model == "gg":
        # Only repeat buyers, as lifetimes asks of its callers. Ours: p = 2, q = 3, γ = mean spend.
        keep = (x > 0) & (w > 0)
        x, m, w = x[keep], d["monetary"][keep], w[keep]
        return gg_ll, (x, m, w), [2.0, 3.0, np.sum(w * m) / np.sum(w)]
    if model == "bgbb":
        # One row per (x, t_x, n) pattern with its count, as lifetimes' BG/BB fitter expects.
        rows = np.stack([x, d["recency"], d["n"]], axis=1)
        patterns, inverse = np.unique(rows, axis=0, return_inverse=True)
        counts = np.bincount(inverse.ravel(), weights=w)
        cols = (patterns[:, 0], patterns[:, 1], patterns[:, 2], counts)
        return bgbb_ll, cols, [1.0, 1.0, 1.0, 1.0]
    raise ValueError(f"unknown model {model}")


def fit_once(ll, cols, start, maxiter=2000):
    total = np.sum(cols[-1])

    def objective(log_params):
        value = -ll(np.exp(log_params), *cols) / total
        return value if np.isfinite(value) else np.inf

    return minimize(
        objective, np.log(start), method="Nelder-Mead", tol=1e-8, options={"maxiter": maxiter}
    )


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    out = []
    for fit in spec["fits"]:
        ll, cols, start = prepared(fit)
        fit_once(ll, cols, start, maxiter=5)  # warm-up: numpy's and scipy's first calls
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            res = fit_once(ll, cols, start)
            times.append((time.perf_counter() - t0) * 1000)
        params = np.exp(res.x)
        out.append(
            {
                "name": fit.get("name", fit["model"]),
                "model": fit["model"],
                "times_ms": times,
                "median_ms": float(np.sort(times)[len(times) // 2]),
                "worst_ms": max(times),
                "params": params.tolist(),
                "log_likelihood": float(ll(params, *cols)),
                "evaluations": int(res.nfev),
                "converged": bool(res.success),
            }
        )
    json.dump({"scipy": scipy.__version__, "fits": out}, sys.stdout)


if __name__ == "__main__":
    main()
