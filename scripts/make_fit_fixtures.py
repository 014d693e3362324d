"""NumPy references for the solvers of SPEC §3, run from given initial U and V so the sparse
TypeScript engine can be checked against them to 1e-9.

- Alternating masked gradient descent, in its dense, literal matrix form
  (Γ = P_Ω(R − V Uᵀ)), with a validation set scored every iteration:
  fixtures/fit/gd-lambda{0,5}.json.
- Alternating least squares with closed-form rows solved by np.linalg.solve, including the
  λ = 0 ridge of workers/engine/fit/als.ts (ε = 1e-9 · trace(G)/K; rows without ratings kept):
  fixtures/fit/als-lambda{0,0.5}.json.

Run: /usr/bin/python3 scripts/make_fit_fixtures.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'fit')
ALS_RIDGE = 1e-9


def rmse_of(R, D, U, V):
    n = D.sum()
    return float(np.sqrt(((D * (R - V @ U.T)) ** 2).sum() / n)) if n > 0 else float('nan')


def diagnostics(t, R, D, RV, DV, U, V, U0, V0, prev_res, lam):
    res = D * (R - V @ U.T)
    return res, {
        'iteration': t,
        'rmse': float(np.sqrt((res ** 2).sum() / D.sum())),
        'max_residual_change': float(np.abs(res - prev_res)[D == 1].max()),
        'max_update': float(max(np.abs(U - U0).max(), np.abs(V - V0).max())),
        'objective': float((res ** 2).sum() + lam * ((U ** 2).sum() + (V ** 2).sum())),
        'validation_rmse': rmse_of(RV, DV, U, V),
    }


def gd(R, D, RV, DV, U, V, alpha, lam, iterations):
    rows = []
    prev_res = D * (R - V @ U.T)
    for t in range(1, iterations + 1):
        U0, V0 = U.copy(), V.copy()
        G = D * (R - V @ U.T)
        U = U + 2 * alpha * (G.T @ V - lam * U)
        G = D * (R - V @ U.T)
        V = V + 2 * alpha * (G @ U - lam * V)
        prev_res, row = diagnostics(t, R, D, RV, DV, U, V, U0, V0, prev_res, lam)
        rows.append(row)
    return U, V, rows


def solve_rows(X, Y, R, D, lam):
    """Row x_r ← (Yᵀ Y + shift I)⁻¹ Yᵀ r over the row's observed entries; R, D are rows × cols."""
    K = X.shape[1]
    for r in range(X.shape[0]):
        idx = D[r] == 1
        if not idx.any() and lam == 0:
            continue
        Y_r = Y[idx]
        G = Y_r.T @ Y_r
        b = Y_r.T @ R[r, idx]
        shift = lam + (ALS_RIDGE * np.trace(G) / K if lam == 0 else 0.0)
        X[r] = np.linalg.solve(G + shift * np.eye(K), b)


def als(R, D, RV, DV, U, V, lam, iterations):
    rows = []
    U, V = U.copy(), V.copy()
    prev_res = D * (R - V @ U.T)
    for t in range(1, iterations + 1):
        U0, V0 = U.copy(), V.copy()
        solve_rows(U, V, R.T, D.T, lam)
        solve_rows(V, U, R, D, lam)
        prev_res, row = diagnostics(t, R, D, RV, DV, U, V, U0, V0, prev_res, lam)
        rows.append(row)
    return U, V, rows


def triplets(R, D):
    M, I = R.shape
    return [[int(i), int(m), float(R[m, i])] for m in range(M) for i in range(I) if D[m, i]]


def write(name, payload):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(payload, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    M, I, K = 30, 20, 3
    D = (rng.random((M, I)) < 0.4).astype(float)
    D[0, :] = 1  # every user and movie observed at least once
    D[:, 0] = 1
    R = D * rng.integers(1, 6, size=(M, I))
    U0 = rng.random((I, K))
    V0 = rng.random((M, K))
    # Validation: a quarter of the unobserved cells, drawn after everything above so the
    # training problem is the one these fixtures always held.
    DV = (1 - D) * (rng.random((M, I)) < 0.25)
    RV = DV * rng.integers(1, 6, size=(M, I))
    for lam in (0.0, 5.0):
        U, V, rows = gd(R, D, RV, DV, U0, V0, alpha=0.005, lam=lam, iterations=50)
        write(f'gd-lambda{int(lam)}.json', {
            'n_users': I, 'n_movies': M, 'factors': K, 'alpha': 0.005, 'lambda': lam,
            'entries': triplets(R, D), 'validation': triplets(RV, DV),
            'U0': U0.ravel().tolist(), 'V0': V0.ravel().tolist(),
            'diagnostics': rows, 'U': U.ravel().tolist(), 'V': V.ravel().tolist(),
        })

    # ALS: 12 movies × 9 users, K = 3, every row with more than K ratings. (A row with fewer
    # has a singular Gram matrix at λ = 0, where the ridge fixes the answer only to about
    # 1e-16/ε relative; als.test.ts checks that case by hand instead.)
    rng = np.random.default_rng(11)
    M, I, K = 12, 9, 3
    D = (rng.random((M, I)) < 0.55).astype(float)
    D[:K + 1, :] = 1
    D[:, :K + 1] = 1
    assert D.sum(axis=0).min() > K and D.sum(axis=1).min() > K
    R = D * rng.integers(1, 6, size=(M, I))
    U0 = rng.random((I, K))
    V0 = rng.random((M, K))
    DV = (1 - D) * (rng.random((M, I)) < 0.3)
    RV = DV * rng.integers(1, 6, size=(M, I))
    for lam in (0.0, 0.5):
        U, V, rows = als(R, D, RV, DV, U0, V0, lam=lam, iterations=8)
        write(f'als-lambda{lam:g}.json', {
            'n_users': I, 'n_movies': M, 'factors': K, 'lambda': lam, 'ridge': ALS_RIDGE,
            'entries': triplets(R, D), 'validation': triplets(RV, DV),
            'U0': U0.ravel().tolist(), 'V0': V0.ravel().tolist(),
            'diagnostics': rows, 'U': U.ravel().tolist(), 'V': V.ravel().tolist(),
        })


if __name__ == '__main__':
    main()
