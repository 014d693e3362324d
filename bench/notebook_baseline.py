"""The notebook's pipeline as the course ran it, timed stage by stage for comparison with
`npm run analyze` (bench/pipeline.bench.mjs): dense masked gradient descent with NumPy on the
full movies × users matrix (the notebook's matrix form), K-means and Ward with scikit-learn and
SciPy, the three metrics. UMAP is omitted (umap-learn is not installable on this machine; the
field notes measured ~19 s for 2,625 points). Usage:

    /usr/bin/python3 bench/notebook_baseline.py ../shared/datasets/ml-100k [iterations]
"""
import json
import os
import platform
import sys
import time
from datetime import date

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score


def main(folder, iterations):
    t = {}
    t0 = time.perf_counter()
    ratings = pd.read_csv(os.path.join(folder, 'u.data'), sep='\t', names=['user', 'movie', 'rating', 'ts'])
    R = ratings.pivot_table(index='movie', columns='user', values='rating').to_numpy()
    D = ~np.isnan(R)
    R = np.nan_to_num(R)
    t['load'] = time.perf_counter() - t0

    t0 = time.perf_counter()
    rng = np.random.default_rng(134)
    M, I = R.shape
    K, alpha = 20, 0.0002
    U, V = rng.random((I, K)), rng.random((M, K))
    for _ in range(iterations):
        G = D * (R - V @ U.T)
        U = U + 2 * alpha * (G.T @ V)
        G = D * (R - V @ U.T)
        V = V + 2 * alpha * (G @ U)
        res = D * (R - V @ U.T)  # the notebook's per-iteration diagnostics
        rmse = np.sqrt((res ** 2).sum() / D.sum())
    t['train'] = time.perf_counter() - t0

    t0 = time.perf_counter()
    std = lambda A: (A - A.mean(0)) / A.std(0)
    X = np.vstack([std(U), std(V)])
    km = KMeans(n_clusters=5, n_init=10, random_state=0).fit(X)
    Z = linkage(X, 'ward')
    ward = fcluster(Z, 5, 'maxclust')
    for labels in (km.labels_, ward):
        silhouette_score(X, labels), davies_bouldin_score(X, labels), calinski_harabasz_score(X, labels)
    t['cluster'] = time.perf_counter() - t0
    print(json.dumps({
        'dataset': folder, 'iterations': iterations, 'final_rmse': float(rmse),
        'machine': f'{os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}, NumPy {np.__version__}',
        'date': str(date.today()), 'seconds': {k: round(v, 3) for k, v in t.items()},
        'ms_per_iteration': round(1000 * t['train'] / iterations, 1),
    }, indent=2))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 500)
