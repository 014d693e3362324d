/*
 * C yardstick for one alternating masked gradient-descent iteration (SPEC §3), the same
 * two-pass sparse loop as the kernels of workers/engine/fit/gd-kernels.ts:
 *
 *   pass A, by user (CSR): γ = r − v_m·u_i for each of user i's ratings, accumulating
 *     Σγ², max |γ − γ_prev|, ‖u_i‖², and g = Σ γ v_m; then u_i ← u_i + 2α(g − λu_i);
 *   pass B, by movie (CSC): γ = r − v_m·u_i with the new U, g = Σ γ u_i;
 *     then v_m ← v_m + 2α(g − λv_m), accumulating ‖v_m‖² and the largest update.
 *
 * It reads u.data (tab: user, item, rating, timestamp) directly, draws U and V from the same
 * seeded Mulberry32 stream as workers/engine/rng.ts, and prints JSON: milliseconds per
 * iteration (median of the timed repeats) and the RMSE after the run, so its output can be
 * checked against the TypeScript engine. Not a test: bench/fit-speed.bench.ts compiles and runs it.
 *
 *   gcc -O3 -march=native -o /tmp/gd bench/c/gd.c -lm
 *   /tmp/gd ../shared/datasets/ml-100k/u.data 20 50 0.0002 0 134
 *   (file, K, iterations, alpha, lambda, seed)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint32_t rng_state;

/* Mulberry32 seeded through a SplitMix32 scramble, bit for bit as createRng in rng.ts. */
static void rng_seed(int32_t seed) {
  uint32_t s = (uint32_t)seed ^ 0x9e3779b9u;
  s = (s ^ (s >> 16)) * 0x85ebca6bu;
  s = (s ^ (s >> 13)) * 0xc2b2ae35u;
  rng_state = s ^ (s >> 16);
}

static double rng_next(void) {
  rng_state += 0x6d2b79f5u;
  uint32_t a = rng_state;
  uint32_t t = (a ^ (a >> 15)) * (1u | a);
  t = (t + ((t ^ (t >> 7)) * (61u | t))) ^ t;
  return (double)(t ^ (t >> 14)) / 4294967296.0;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef struct {
  int n_users, n_movies, n_ratings;
  int *user_ptr, *user_col, *movie_ptr, *movie_col;
  float *user_val, *movie_val;
} ratings_t;

/* Dense indices in ascending id order, entries sorted by (user, movie) and by (movie, user),
 * as buildRatingsMatrix does (100K has no duplicates). */
static void load(const char *path, ratings_t *R) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "gd: cannot open %s\n", path);
    exit(1);
  }
  int cap = 1 << 17, n = 0, u, m, max_u = 0, max_m = 0;
  long ts;
  float r;
  int *us = malloc(cap * sizeof(int)), *ms = malloc(cap * sizeof(int));
  float *rs = malloc(cap * sizeof(float));
  while (fscanf(f, "%d\t%d\t%f\t%ld", &u, &m, &r, &ts) == 4) {
    if (n == cap) {
      cap *= 2;
      us = realloc(us, cap * sizeof(int));
      ms = realloc(ms, cap * sizeof(int));
      rs = realloc(rs, cap * sizeof(float));
    }
    us[n] = u, ms[n] = m, rs[n] = r, n++;
    if (u > max_u) max_u = u;
    if (m > max_m) max_m = m;
  }
  fclose(f);
  int *uidx = calloc(max_u + 1, sizeof(int)), *midx = calloc(max_m + 1, sizeof(int));
  for (int e = 0; e < n; e++) uidx[us[e]] = 1, midx[ms[e]] = 1;
  int I = 0, M = 0;
  for (int id = 0; id <= max_u; id++) uidx[id] = uidx[id] ? I++ : -1;
  for (int id = 0; id <= max_m; id++) midx[id] = midx[id] ? M++ : -1;
  R->n_users = I, R->n_movies = M, R->n_ratings = n;
  R->user_ptr = calloc(I + 1, sizeof(int));
  R->movie_ptr = calloc(M + 1, sizeof(int));
  R->user_col = malloc(n * sizeof(int));
  R->movie_col = malloc(n * sizeof(int));
  R->user_val = malloc(n * sizeof(float));
  R->movie_val = malloc(n * sizeof(float));
  /* A dense I × M grid of entry numbers gives both sorted orders with two sweeps. */
  int *grid = malloc((size_t)I * M * sizeof(int));
  memset(grid, -1, (size_t)I * M * sizeof(int));
  for (int e = 0; e < n; e++) grid[(size_t)uidx[us[e]] * M + midx[ms[e]]] = e;
  int j = 0;
  for (int i = 0; i < I; i++) {
    for (int mm = 0; mm < M; mm++) {
      int e = grid[(size_t)i * M + mm];
      if (e >= 0) R->user_col[j] = mm, R->user_val[j] = rs[e], j++;
    }
    R->user_ptr[i + 1] = j;
  }
  j = 0;
  for (int mm = 0; mm < M; mm++) {
    for (int i = 0; i < I; i++) {
      int e = grid[(size_t)i * M + mm];
      if (e >= 0) R->movie_col[j] = i, R->movie_val[j] = rs[e], j++;
    }
    R->movie_ptr[mm + 1] = j;
  }
  R->n_ratings = j;
  free(grid), free(us), free(ms), free(rs), free(uidx), free(midx);
}

typedef struct {
  double sum_sq, max_change, norm_u, norm_v, max_update;
} stats_t;

static void iterate(const ratings_t *R, int K, double *restrict U, double *restrict V,
                    double *restrict residual, double *restrict grad, double alpha,
                    double lambda, stats_t *s) {
  const double two_alpha = 2 * alpha;
  double sum_sq = 0, max_change = 0, norm_u = 0, max_du = 0;
  for (int i = 0; i < R->n_users; i++) {
    double *restrict u = U + (size_t)i * K;
    for (int k = 0; k < K; k++) grad[k] = 0;
    for (int e = R->user_ptr[i]; e < R->user_ptr[i + 1]; e++) {
      const double *restrict v = V + (size_t)R->user_col[e] * K;
      double dot = 0;
      for (int k = 0; k < K; k++) dot += v[k] * u[k];
      double g = R->user_val[e] - dot;
      sum_sq += g * g;
      double change = fabs(g - residual[e]);
      if (change > max_change) max_change = change;
      residual[e] = g;
      for (int k = 0; k < K; k++) grad[k] += g * v[k];
    }
    for (int k = 0; k < K; k++) {
      double x = u[k];
      norm_u += x * x;
      double du = two_alpha * (grad[k] - lambda * x);
      u[k] = x + du;
      if (fabs(du) > max_du) max_du = fabs(du);
    }
  }
  double norm_v = 0, max_dv = 0;
  for (int m = 0; m < R->n_movies; m++) {
    double *restrict v = V + (size_t)m * K;
    for (int k = 0; k < K; k++) grad[k] = 0;
    for (int e = R->movie_ptr[m]; e < R->movie_ptr[m + 1]; e++) {
      const double *restrict u = U + (size_t)R->movie_col[e] * K;
      double dot = 0;
      for (int k = 0; k < K; k++) dot += v[k] * u[k];
      double g = R->movie_val[e] - dot;
      for (int k = 0; k < K; k++) grad[k] += g * u[k];
    }
    for (int k = 0; k < K; k++) {
      double x = v[k];
      double dv = two_alpha * (grad[k] - lambda * x);
      v[k] = x + dv;
      norm_v += v[k] * v[k];
      if (fabs(dv) > max_dv) max_dv = fabs(dv);
    }
  }
  s->sum_sq = sum_sq, s->max_change = max_change, s->norm_u = norm_u, s->norm_v = norm_v;
  s->max_update = max_du > max_dv ? max_du : max_dv;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "../shared/datasets/ml-100k/u.data";
  int K = argc > 2 ? atoi(argv[2]) : 20;
  int iterations = argc > 3 ? atoi(argv[3]) : 50;
  double alpha = argc > 4 ? atof(argv[4]) : 0.0002;
  double lambda = argc > 5 ? atof(argv[5]) : 0;
  int seed = argc > 6 ? atoi(argv[6]) : 134;
  ratings_t R;
  load(path, &R);
  double *U = malloc((size_t)R.n_users * K * sizeof(double));
  double *V = malloc((size_t)R.n_movies * K * sizeof(double));
  double *residual = calloc(R.n_ratings, sizeof(double));
  double *grad = malloc(K * sizeof(double));
  double *times = malloc(iterations * sizeof(double));
  rng_seed(seed);
  /* Same draw order as gradientDescent: U (I × K row-major), then V. */
  for (size_t j = 0; j < (size_t)R.n_users * K; j++) U[j] = rng_next();
  for (size_t j = 0; j < (size_t)R.n_movies * K; j++) V[j] = rng_next();
  stats_t s = {0};
  for (int t = 0; t < iterations; t++) {
    double t0 = now_ms();
    iterate(&R, K, U, V, residual, grad, alpha, lambda, &s);
    times[t] = now_ms() - t0;
  }
  /* The RMSE after the last iteration: one more residual pass, U and V unchanged. */
  double sum_sq = 0;
  for (int i = 0; i < R.n_users; i++)
    for (int e = R.user_ptr[i]; e < R.user_ptr[i + 1]; e++) {
      double dot = 0;
      for (int k = 0; k < K; k++) dot += V[(size_t)R.user_col[e] * K + k] * U[(size_t)i * K + k];
      double g = R.user_val[e] - dot;
      sum_sq += g * g;
    }
  qsort(times, iterations, sizeof(double), cmp_double);
  printf("{\"K\":%d,\"iterations\":%d,\"users\":%d,\"movies\":%d,\"ratings\":%d,"
         "\"msPerIteration\":%.4f,\"minMs\":%.4f,\"rmse\":%.17g}\n",
         K, iterations, R.n_users, R.n_movies, R.n_ratings, times[iterations / 2], times[0],
         sqrt(sum_sq / R.n_ratings));
  return 0;
}
