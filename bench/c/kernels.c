/*
 * The kernels of bench/kernels.ts in C with OpenMP, for the side-by-side table (gcc -O3
 * -march=native -fopenmp, no fast-math, no contraction of a * b + c: the same IEEE arithmetic as
 * JavaScript; see the Makefile).
 *
 *   ./kernels <name> <sizes...> <calls>     prints the median seconds per call of 5 runs
 *   OMP_NUM_THREADS=2 ./kernels matvec 2000 4
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double *fill(size_t n, unsigned seed, double lo, double hi) {
  double *a = malloc(n * sizeof(double));
  unsigned s = seed ? seed : 1;
  for (size_t i = 0; i < n; i++) {
    s = s * 1664525u + 1013904223u;
    a[i] = lo + (hi - lo) * (double)s / 4294967296.0;
  }
  return a;
}

static double sink;

static void matvec(const double *A, const double *x, double *y, int n) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += A[(size_t)i * n + j] * x[j];
    y[i] = s;
  }
}

static double kmeans(const double *p, const double *cs, int *labels, int n, int d, int k) {
  double total = 0;
#pragma omp parallel for schedule(static) reduction(+ : total)
  for (int i = 0; i < n; i++) {
    double best = INFINITY;
    int bestC = 0;
    for (int c = 0; c < k; c++) {
      double dist = 0;
      for (int j = 0; j < d; j++) {
        double t = p[i * d + j] - cs[c * d + j];
        dist += t * t;
      }
      if (dist < best) best = dist, bestC = c;
    }
    labels[i] = bestC;
    total += best;
  }
  return total;
}

static void axpy(double a, const double *x, double *y, int n) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

static void stencil(const double *A, double *B, int n) {
  int m = n * n;
#pragma omp parallel for schedule(static)
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      for (int k = 1; k < n - 1; k++) {
        int c = i * m + j * n + k;
        B[c] = (A[c - 1] + A[c + 1] + A[c - n] + A[c + n] + A[c - m] + A[c + m] - 6 * A[c]) * 0.1 + A[c];
      }
}

static double simpson(double a, double b, int n) {
  double h = (b - a) / n;
  double s = exp(a) + exp(b);
#pragma omp parallel for schedule(static) reduction(+ : s)
  for (int i = 1; i < n; i++) s += (2 + 2 * (i & 1)) * exp(a + i * h);
  return s * h / 3;
}

static void roundmod(const double *x, double *o, int n, double L) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) {
    /* Math.round: floor(x + 0.5) except that halves round up and -0 is kept; JS semantics */
    double v = x[i] * 1000, f = floor(v), r = v - f >= 0.5 ? f + 1 : f;
    o[i] = fmod(copysign(r, v), L) + floor(x[i] * 10);
  }
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 3) return fprintf(stderr, "usage: kernels <name> <sizes...> <calls>\n"), 2;
  const char *name = argv[1];
  int calls = atoi(argv[argc - 1]);
  double t[5];
  double *A = 0, *B = 0, *x = 0, *y = 0;
  int *labels = 0;
  int n = atoi(argv[2]), d = argc > 4 ? atoi(argv[3]) : 0, k = argc > 5 ? atoi(argv[4]) : 0;
  if (!strcmp(name, "matvec")) A = fill((size_t)n * n, 1, -1, 1), x = fill(n, 2, -1, 1), y = calloc(n, 8);
  else if (!strcmp(name, "kmeans")) A = fill((size_t)n * d, 3, 0, 1), B = fill((size_t)k * d, 4, 0, 1), labels = calloc(n, 4);
  else if (!strcmp(name, "axpy")) x = fill(n, 5, -1, 1), y = fill(n, 6, -1, 1);
  else if (!strcmp(name, "stencil3d")) A = fill((size_t)n * n * n, 7, -1, 1), B = calloc((size_t)n * n * n, 8);
  else if (!strcmp(name, "roundmod")) x = fill(n, 8, -1e4, 1e4), y = calloc(n, 8);
  else if (strcmp(name, "simpson")) return fprintf(stderr, "unknown kernel %s\n", name), 2;
  for (int r = 0; r < 6; r++) {
    double t0 = omp_get_wtime();
    for (int c = 0; c < calls; c++) {
      if (!strcmp(name, "matvec")) matvec(A, x, y, n);
      else if (!strcmp(name, "kmeans")) sink += kmeans(A, B, labels, n, d, k);
      else if (!strcmp(name, "axpy")) axpy(1.000001, x, y, n);
      else if (!strcmp(name, "stencil3d")) stencil(A, B, n);
      else if (!strcmp(name, "simpson")) sink += simpson(0, 1, n);
      else roundmod(x, y, n, 97);
    }
    if (r > 0) t[r - 1] = (omp_get_wtime() - t0) / calls; /* the first run warms up */
  }
  qsort(t, 5, sizeof t[0], cmp);
  printf("%.9f\n", t[2]);
  return sink == 12345.678 ? 1 : 0;
}
