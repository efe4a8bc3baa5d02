#!/usr/bin/env bash
# Is this machine slow today, and where? (docs/performance.md, "CDS Hooks service: steady state and start-up")
# Compute-bound work (SHA-256, a Python loop) against memory latency (a random pointer chase through 256 KB to
# 256 MB) and bandwidth (memset, memcpy). The JVM code of this project (Drools, HAPI, Jackson trees) chases pointers:
# it runs at the speed of the memory-latency rows, which vary between days on a shared host far more than the
# compute rows. Run it beside any benchmark whose absolute figure matters. Needs gcc (Debian: build-essential).
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/mem.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(void) {
  size_t sizes[] = {256 << 10, 4 << 20, 32 << 20, 256 << 20};
  for (int s = 0; s < 4; s++) {
    size_t n = sizes[s] / sizeof(size_t), *a = malloc(sizes[s]), p = 0;
    for (size_t i = 0; i < n; i++) a[i] = i;
    srand(1);
    for (size_t i = n - 1; i > 0; i--) { size_t j = ((size_t) rand() * RAND_MAX + rand()) % i, t = a[i]; a[i] = a[j]; a[j] = t; }
    long iters = 20000000; double t0 = now();
    for (long i = 0; i < iters; i++) p = a[p];
    printf("pointer chase %6zu KB: %6.1f ns per load%s\n", sizes[s] >> 10, (now() - t0) * 1e9 / iters, p == (size_t) -1 ? "!" : "");
    free(a);
  }
  size_t n = 512 << 20; char *x = malloc(n), *y = malloc(n); memset(x, 1, n); memset(y, 2, n);
  double t0 = now(); for (int i = 0; i < 4; i++) memset(x, i, n); printf("memset %.1f GB/s\n", 4.0 * n / (now() - t0) / 1e9);
  t0 = now(); for (int i = 0; i < 4; i++) memcpy(y, x, n); printf("memcpy %.1f GB/s\n", 4.0 * n / (now() - t0) / 1e9);
  return x[3] + y[5] == 0;
}
C
uptime
gcc -O2 -o "$dir/mem" "$dir/mem.c" && "$dir/mem"
python3 -c "import time; t=time.process_time(); sum(i*i for i in range(10**7)); print('python loop 10^7: %.2f s CPU' % (time.process_time()-t))"
openssl speed -seconds 1 sha256 2>/dev/null | awk '/^sha256/ {print "sha256 16 KB blocks: " $NF}'
