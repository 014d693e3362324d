"""NumPy reference for the alternating masked gradient descent of SPEC §3.

Dense, literal matrix form of the update (Γ = P_Ω(R − V Uᵀ)), run from given initial U and V,
so the sparse TypeScript engine can be checked against it to 1e-9. Writes
fixtures/fit/gd-lambda{0,5}.json. Run: /usr/bin/python3 scripts/make_fit_fixtures.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'fit')


def run(R, D, U, V, alpha, lam, iterations):
    rows = []
    prev_res = D * (R - V @ U.T)
    n_obs = D.sum()
    for t in range(1, iterations + 1):
        U0, V0 = U.copy(), V.copy()
        G = D * (R - V @ U.T)
        U = U + 2 * alpha * (G.T @ V - lam * U)
        G = D * (R - V @ U.T)
        V = V + 2 * alpha * (G @ U - lam * V)
        res = D * (R - V @ U.T)
        rows.append({
            'iteration': t,
            'rmse': float(np.sqrt((res ** 2).sum() / n_obs)),
            'max_residual_change': float(np.abs(res - prev_res)[D == 1].max()),
            'max_update': float(max(np.abs(U - U0).max(), np.abs(V - V0).max())),
            'objective': float((res ** 2).sum() + lam * ((U ** 2).sum() + (V ** 2).sum())),
        })
        prev_res = res
    return U, V, rows


def main():
    rng = np.random.default_rng(7)
    M, I, K = 30, 20, 3
    D = (rng.random((M, I)) < 0.4).astype(float)
    D[0, :] = 1  # every user and movie observed at least once
    D[:, 0] = 1
    R = D * rng.integers(1, 6, size=(M, I))
    U0 = rng.random((I, K))
    V0 = rng.random((M, K))
    entries = [[int(i), int(m), float(R[m, i])] for m in range(M) for i in range(I) if D[m, i]]
    os.makedirs(OUT, exist_ok=True)
    for lam in (0.0, 5.0):
        U, V, rows = run(R, D, U0, V0, alpha=0.005, lam=lam, iterations=50)
        with open(os.path.join(OUT, f'gd-lambda{int(lam)}.json'), 'w') as f:
            json.dump({
                'n_users': I, 'n_movies': M, 'factors': K, 'alpha': 0.005, 'lambda': lam,
                'entries': entries, 'U0': U0.ravel().tolist(), 'V0': V0.ravel().tolist(),
                'diagnostics': rows, 'U': U.ravel().tolist(), 'V': V.ravel().tolist(),
            }, f)


if __name__ == '__main__':
    main()
