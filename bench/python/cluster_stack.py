#!/usr/bin/env python3
"""The Python stack's clustering stage, timed stage by stage on the same points as
bench/cluster-pipeline.bench.ts times our engine (not a test). Prints one JSON object:
seconds per stage (wall clock, and process CPU time summed over threads) per point set.

    npx tsx bench/cluster-pipeline.bench.ts > ts.json      # writes the points first
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \\
        /usr/bin/python3 bench/python/cluster_stack.py [--sweep] [--only a,b] [dir] > py.json

Reads <dir>/<set>.npy (default $TMPDIR/factorlens-cluster-bench; written by
bench/cluster-points.ts, which this script runs when they are missing). Stages, k = 5:
scikit-learn KMeans(n_init=10) (Lloyd, k-means++), SciPy linkage(X, 'ward') and
fcluster(Z, 5, 'maxclust'), then silhouette_score, davies_bouldin_score and
calinski_harabasz_score for both methods. On the 200,000-point set: KMeans and the metrics
only, the silhouette on the same number of sampled points as the engine uses, each scored
exactly against all points (scikit-learn has no such option; done here with its
pairwise_distances), plus scikit-learn's own silhouette_score(sample_size=...) for reference,
which scores the sample against itself. When the engine's run left its labels and sample,
the same quantity is computed on them as a cross-check.

umap-learn is not part of this stack here: it is not installed on this machine (no PyPI
access, no Debian package).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans
from sklearn.metrics import (
    calinski_harabasz_score,
    davies_bouldin_score,
    pairwise_distances,
    silhouette_score,
)

K = 5
EXACT_LIMIT = 20_000  # SILHOUETTE_EXACT_LIMIT in workers/engine/cluster/silhouette.ts
PAIR_BUDGET = 4e8  # SILHOUETTE_PAIR_BUDGET
MIN_SAMPLE = 1_000  # SILHOUETTE_MIN_SAMPLE
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def sample_size(n):
    if n <= EXACT_LIMIT:
        return n
    return min(n, max(MIN_SAMPLE, int(PAIR_BUDGET // n)))


def timed(stages, name, fn):
    cpu = time.process_time()
    start = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - start
    stages[name] = {'wall': round(wall, 3), 'cpu': round(time.process_time() - cpu, 3)}
    return result


def silhouette_of_points(X, labels, points, chunk=500):
    """Exact silhouette of X[points] against all rows (as silhouette_samples would give)."""
    labels = np.asarray(labels, dtype=np.int64)
    k = labels.max() + 1
    freq = np.bincount(labels, minlength=k).astype(float)
    onehot = np.zeros((len(X), k))
    onehot[np.arange(len(X)), labels] = 1.0
    out = np.empty(len(points))
    for start in range(0, len(points), chunk):
        idx = points[start:start + chunk]
        sums = pairwise_distances(X[idx], X) @ onehot  # chunk × k
        own = labels[idx]
        a = sums[np.arange(len(idx)), own] / np.maximum(freq[own] - 1, 1)
        mean = sums / freq
        mean[np.arange(len(idx)), own] = np.inf
        b = mean.min(axis=1)
        s = (b - a) / np.maximum(a, b)
        s[freq[own] == 1] = 0
        out[start:start + chunk] = np.nan_to_num(s)
    return out


def bench_set(name, X, sweep, dir_):
    n, d = X.shape
    stages, values = {}, {}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        km = timed(stages, 'kmeans', lambda: KMeans(n_clusters=K, n_init=10, random_state=0).fit(X))
    values['kmeans_inertia'] = float(km.inertia_)
    values['kmeans_iterations'] = int(km.n_iter_)
    methods = [('kmeans', km.labels_)]
    if n <= 30_000:
        Z = timed(stages, 'ward', lambda: linkage(X, 'ward'))
        labels = timed(stages, 'ward_cut', lambda: fcluster(Z, K, 'maxclust'))
        methods.append(('ward', labels))

    size = sample_size(n)
    values['silhouette_points'] = size
    rng = np.random.default_rng(2)
    points = np.sort(rng.choice(n, size, replace=False)) if size < n else None
    for method, labels in methods:
        if points is None:
            s = timed(stages, f'silhouette_{method}', lambda: silhouette_score(X, labels))
        else:
            s = timed(stages, f'silhouette_{method}',
                      lambda: silhouette_of_points(X, labels, points).mean())
            values[f'silhouette_sklearn_sample_{method}'] = float(timed(
                stages, f'silhouette_sklearn_sample_{method}',
                lambda: silhouette_score(X, labels, sample_size=size, random_state=0)))
        values[f'silhouette_{method}'] = float(s)
        values[f'davies_bouldin_{method}'] = float(timed(
            stages, f'davies_bouldin_{method}', lambda: davies_bouldin_score(X, labels)))
        values[f'calinski_harabasz_{method}'] = float(timed(
            stages, f'calinski_harabasz_{method}', lambda: calinski_harabasz_score(X, labels)))

    ours = os.path.join(dir_, f'{name}.silhouette-sample.npy')
    if points is not None and os.path.exists(ours):
        idx = np.load(ours).ravel().astype(np.int64)
        lab = np.load(os.path.join(dir_, f'{name}.kmeans-labels.npy')).ravel().astype(np.int64)
        values['silhouette_kmeans_on_engine_sample'] = float(
            silhouette_of_points(X, lab, idx).mean())

    if sweep and n <= 30_000:
        def run_sweep():
            Zs = linkage(X, 'ward')
            rows = []
            for k in range(2, 16):
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    kl = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).labels_
                wl = fcluster(Zs, k, 'maxclust')
                rows.append([f(X, lab) for lab in (kl, wl) for f in
                             (silhouette_score, davies_bouldin_score, calinski_harabasz_score)])
            return rows
        timed(stages, 'k_sweep', run_sweep)
    return {'name': name, 'n': n, 'd': d, 'stages': stages, 'values': values}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('dir', nargs='?',
                        default=os.path.join(tempfile.gettempdir(), 'factorlens-cluster-bench'))
    parser.add_argument('--sweep', action='store_true')
    parser.add_argument('--only')
    args = parser.parse_args()
    index = os.path.join(args.dir, 'sets.json')
    if not os.path.exists(index):
        subprocess.run(['npx', 'tsx', 'bench/cluster-points.ts', args.dir], cwd=REPO,
                       check=True, stdout=sys.stderr)
    with open(index) as f:
        sets = json.load(f)
    only = args.only.split(',') if args.only else None
    results = []
    for s in sets:
        if only and s['name'] not in only:
            continue
        X = np.load(os.path.join(args.dir, s['name'] + '.npy'))
        results.append({**bench_set(s['name'], X, args.sweep, args.dir), 'source': s['source']})

    try:
        from threadpoolctl import threadpool_info
        pools = [{k: p.get(k) for k in ('internal_api', 'architecture', 'num_threads')}
                 for p in threadpool_info()]
    except ImportError:
        pools = []
    print(json.dumps({
        'stack': 'scikit-learn + SciPy',
        'python': platform.python_version(),
        'numpy': np.__version__,
        'scipy': scipy.__version__,
        'sklearn': sklearn.__version__,
        'threadpools': pools,
        'env': {k: os.environ.get(k) for k in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')},
        'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'loadavg': [round(x, 2) for x in os.getloadavg()],
        'results': results,
    }, indent=2))


if __name__ == '__main__':
    main()
