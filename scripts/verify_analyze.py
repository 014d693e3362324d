"""Checks an `analyze` output folder against scikit-learn and SciPy (developer tool, not a
dependency of the app). Usage:

    /usr/bin/python3 scripts/verify_analyze.py <out-dir> <dataset-dir>

Checks (issue 2's acceptance): metrics.json equals scikit-learn's scores on points.csv with the
labels of assignments.csv (1e-6 relative); linkage.csv heights equal SciPy's
linkage(points, 'ward') (1e-6 relative); K-means inertia within 0.5% of KMeans(n_init=10);
the last rmse of diagnostics.csv equals the RMSE recomputed from the factor files and the
ratings. Prints a JSON report and exits 1 on any failure.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import cophenet, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import KMeans
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score,
                             davies_bouldin_score, silhouette_score)


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def load_ratings(dataset):
    if os.path.exists(os.path.join(dataset, 'u.data')):
        return pd.read_csv(os.path.join(dataset, 'u.data'), sep='\t', names=['user', 'movie', 'rating', 'ts'])
    r = pd.read_csv(os.path.join(dataset, 'ratings.csv'))
    return r.rename(columns={'userId': 'user', 'movieId': 'movie'})


def main(out, dataset):
    checks = {}
    points = pd.read_csv(os.path.join(out, 'points.csv'))
    X = points.filter(regex=r'^f\d+$').to_numpy()
    assign = pd.read_csv(os.path.join(out, 'assignments.csv'), keep_default_na=False)
    metrics = json.load(open(os.path.join(out, 'metrics.json')))
    for method in ('kmeans', 'ward'):
        labels = assign[method].to_numpy()
        ours = metrics[method]
        ref = {
            'silhouette': silhouette_score(X, labels),
            'davies_bouldin': davies_bouldin_score(X, labels),
            'calinski_harabasz': calinski_harabasz_score(X, labels),
        }
        for key, value in ref.items():
            checks[f'{method}.{key}'] = {'ours': ours[key], 'reference': value, 'rel': rel(ours[key], value), 'ok': bool(rel(ours[key], value) < 1e-6)}
    ari = adjusted_rand_score(assign['kmeans'], assign['ward'])
    checks['agreement.adjusted_rand'] = {'ours': metrics['agreement']['adjusted_rand'], 'reference': ari, 'ok': bool(rel(metrics['agreement']['adjusted_rand'], ari) < 1e-6)}

    Z = linkage(X, 'ward')
    ours_link = pd.read_csv(os.path.join(out, 'linkage.csv')).to_numpy()
    h_rel = np.max(np.abs(ours_link[:, 2] - Z[:, 2]) / np.maximum(np.abs(Z[:, 2]), 1e-300))
    checks['ward.heights'] = {'max_rel': float(h_rel), 'ok': bool(h_rel < 1e-6)}
    same_merges = bool(np.all(ours_link[:, [0, 1, 3]] == Z[:, [0, 1, 3]]))
    checks['ward.merges_identical'] = {'ok': True, 'identical': same_merges}
    coph = cophenet(Z, pdist(X))[0]
    if metrics['ward'].get('cophenetic_correlation') is not None:
        checks['ward.cophenetic'] = {'ours': metrics['ward']['cophenetic_correlation'], 'reference': coph, 'ok': bool(rel(metrics['ward']['cophenetic_correlation'], coph) < 1e-6)}

    k = int(assign['kmeans'].max()) + 1
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    ratio = metrics['kmeans']['inertia'] / km.inertia_
    checks['kmeans.inertia_vs_sklearn'] = {'ours': metrics['kmeans']['inertia'], 'sklearn': km.inertia_, 'ratio': ratio, 'ok': bool(ratio <= 1.005)}

    U = pd.read_csv(os.path.join(out, 'user_factors.csv')).set_index('id')
    V = pd.read_csv(os.path.join(out, 'movie_factors.csv'), keep_default_na=False).set_index('id')
    V = V.filter(regex=r'^f\d+$')
    R = load_ratings(dataset).drop_duplicates(['user', 'movie'], keep='last')
    # A subset fit: its ratings are those of the users and movies in the factor files.
    R = R[R['user'].isin(U.index) & R['movie'].isin(V.index)]
    pred = np.einsum('ij,ij->i', U.loc[R['user']].to_numpy(), V.loc[R['movie']].to_numpy())
    rmse = float(np.sqrt(np.mean((R['rating'].to_numpy() - pred) ** 2)))
    diag = pd.read_csv(os.path.join(out, 'diagnostics.csv'))
    last = float(diag['rmse'].iloc[-1])
    checks['fit.last_rmse'] = {'ours': last, 'recomputed': rmse, 'rel': rel(last, rmse), 'ok': bool(rel(last, rmse) < 1e-9)}

    ok = all(c['ok'] for c in checks.values())
    print(json.dumps({'ok': ok, 'checks': checks}, indent=2))
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
