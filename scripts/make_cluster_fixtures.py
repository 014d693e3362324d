#!/usr/bin/env python3
"""Reference fixtures for the clustering engine (workers/engine/cluster).

Writes fixtures/cluster/<name>.json: seeded point sets with SciPy's Ward linkage, its
3-cluster cut, the cophenetic correlation, scikit-learn's KMeans inertia, and the
scikit-learn metrics of both label vectors; SciPy's average and complete linkages with their
cophenetic correlations; `fcluster(Z, h, 'distance')` cuts of all three trees at chosen
heights (some exactly at a merge height, where the cut is inclusive); and a k-sweep
reference: scikit-learn's metrics on SciPy's Ward cuts at k = 2..6, with each cut's
within-cluster sum of squares and scikit-learn's KMeans inertia. Run once and commit the
output:

    /usr/bin/python3 scripts/make_cluster_fixtures.py

Points are rounded to a few decimals before any reference is computed, so the JSON holds
exactly the values the references saw and the files stay small.
"""

import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import cophenet, fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_samples,
    silhouette_score,
)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'cluster')
K = 3
SWEEP_KS = [2, 3, 4, 5, 6]


def blobs():
    """(a) three well separated Gaussian blobs, 60 x 4."""
    X, _ = make_blobs(n_samples=60, n_features=4, centers=3, cluster_std=1.2, random_state=7)
    return np.round(X, 6), 'three Gaussian blobs, 60 x 4'


def duplicates():
    """(b) 36 distinct points plus exact copies: five pairs and one triple (ties at 0)."""
    rng = np.random.default_rng(11)
    base = np.round(rng.normal(size=(36, 3)), 4)
    copies = base[[2, 5, 9, 17, 30, 21, 21]]
    X = np.vstack([base, copies])
    X = X[rng.permutation(len(X))]
    return X, '36 points in 3-d with 5 duplicated pairs and 1 triple (exact ties)'


def outlier():
    """(c) two blobs and one far point: the 3-cluster Ward cut has a singleton cluster."""
    rng = np.random.default_rng(23)
    a = rng.normal(loc=(0.0, 0.0), scale=0.6, size=(25, 2))
    b = rng.normal(loc=(5.0, 1.0), scale=0.6, size=(25, 2))
    far = np.array([[30.0, -20.0]])
    X = np.round(np.vstack([a[:12], far, a[12:], b]), 6)
    return X, 'two blobs of 25 in 2-d plus one outlier at row 12'


def random_500x20():
    """(d) unstructured standard normal data, 500 x 20."""
    rng = np.random.default_rng(5)
    return np.round(rng.normal(size=(500, 20)), 5), 'standard normal noise, 500 x 20'


def metrics(X, labels):
    return {
        'silhouetteScore': float(silhouette_score(X, labels)),
        'silhouetteSamples': [float(v) for v in silhouette_samples(X, labels)],
        'daviesBouldin': float(davies_bouldin_score(X, labels)),
        'calinskiHarabasz': float(calinski_harabasz_score(X, labels)),
    }


def first_appearance(labels):
    """Relabel to 0..k-1 in order of first appearance, the engine's convention."""
    seen = {}
    return [seen.setdefault(int(v), len(seen)) for v in labels]


def linkage_json(Z):
    return {
        'left': [int(v) for v in Z[:, 0]],
        'right': [int(v) for v in Z[:, 1]],
        'height': [float(v) for v in Z[:, 2]],
        'size': [int(v) for v in Z[:, 3]],
    }


def height_cuts(trees):
    """fcluster(Z, h, 'distance') at heights below, at and between merges, for each tree."""
    cuts = []
    for method, Z in trees.items():
        h = Z[:, 2]
        m = len(h)
        for t in [0.0, h[m // 4], h[m // 2], 0.5 * (h[-3] + h[-2]), h[-1], -1.0]:
            labels = first_appearance(fcluster(Z, float(t), 'distance'))
            cuts.append({'method': method, 'h': float(t), 'labels': labels})
    return cuts


def within_ss(X, labels):
    """Within-cluster sum of squared distances to the cluster means."""
    labels = np.asarray(labels)
    return float(sum(((X[labels == c] - X[labels == c].mean(axis=0)) ** 2).sum()
                     for c in np.unique(labels)))


def sweep(X, Z):
    """Reference for kSweep: metrics of SciPy's Ward cut and sklearn's KMeans per k."""
    rows = []
    for k in SWEEP_KS:
        labels = first_appearance(fcluster(Z, k, 'maxclust'))
        assert max(labels) + 1 == k, f'maxclust gave {max(labels) + 1} clusters for k = {k}'
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        rows.append({
            'k': k,
            'wardLabels': labels,
            'ward': {
                'silhouette': float(silhouette_score(X, labels)),
                'daviesBouldin': float(davies_bouldin_score(X, labels)),
                'calinskiHarabasz': float(calinski_harabasz_score(X, labels)),
                'inertia': within_ss(X, labels),
            },
            'kmeansInertia': float(km.inertia_),
        })
    return rows


def fixture(make):
    X, description = make()
    n, d = X.shape
    Z = linkage(X, 'ward')
    others = {method: linkage(X, method) for method in ('average', 'complete')}
    ward_labels = first_appearance(fcluster(Z, K, 'maxclust'))
    coph = cophenet(Z, pdist(X))[0]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        km = KMeans(n_clusters=K, n_init=10, random_state=0).fit(X)
    kmeans_labels = first_appearance(km.labels_)
    return {
        'description': description,
        'generator': 'scripts/make_cluster_fixtures.py',
        'versions': {'scipy': scipy.__version__, 'sklearn': sklearn.__version__},
        'n': n,
        'd': d,
        'points': [float(v) for v in X.ravel()],
        'linkage': {
            'left': [int(v) for v in Z[:, 0]],
            'right': [int(v) for v in Z[:, 1]],
            'height': [float(v) for v in Z[:, 2]],
            'size': [int(v) for v in Z[:, 3]],
        },
        'k': K,
        'wardLabels': ward_labels,
        'cophenetic': float(coph),
        'kmeans': {'inertia': float(km.inertia_), 'labels': kmeans_labels},
        'metrics': {'ward': metrics(X, ward_labels), 'kmeans': metrics(X, kmeans_labels)},
        'adjustedRand': float(adjusted_rand_score(ward_labels, kmeans_labels)),
        'linkages': {
            method: {**linkage_json(Z_m), 'cophenetic': float(cophenet(Z_m, pdist(X))[0])}
            for method, Z_m in others.items()
        },
        'heightCuts': height_cuts({'ward': Z, **others}),
        'sweep': sweep(X, Z),
    }


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, make in [
        ('blobs', blobs),
        ('duplicates', duplicates),
        ('outlier', outlier),
        ('random-500x20', random_500x20),
    ]:
        data = fixture(make)
        path = os.path.join(OUT_DIR, name + '.json')
        with open(path, 'w') as f:
            json.dump(data, f, separators=(',', ':'))
            f.write('\n')
        sizes = np.bincount(data['wardLabels'])
        print(f'{path}: n={data["n"]} d={data["d"]} ward sizes={sizes.tolist()}')


if __name__ == '__main__':
    main()
