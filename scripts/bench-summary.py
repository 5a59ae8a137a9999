#!/usr/bin/env python3
"""Summarises the last `cargo bench -p planlens-core --bench analyze` run.

For every shape (corpus, concat, items, table) and size: MiB/s of the analysis, MiB/s of the
decode floor over the same bytes (UTF-8 check + char count) and the ratio between the
two, measured in the same run; then the growth ratio time(16 MB) / time(4 MB), which
is 4 for linear time. Reads criterion's estimates (median) under
$CARGO_TARGET_DIR/criterion (default target/criterion).
"""
import json
import os
import sys

root = os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "criterion")


def median(group, fn, value=None):
    parts = [root, group, fn] + ([value] if value else []) + ["new"]
    d = os.path.join(*parts)
    try:
        est = json.load(open(os.path.join(d, "estimates.json")))
        bench = json.load(open(os.path.join(d, "benchmark.json")))
    except OSError:
        return None
    secs = est["median"]["point_estimate"] / 1e9
    return secs, bench["throughput"]["Bytes"]


def mibs(t):
    return t[1] / t[0] / (1 << 20)


rows = []
a, f = median("analyze", "corpus"), median("analyze", "corpus-floor")
if a and f:
    rows.append(("corpus (19 plans)", a, f))
for shape in ("concat", "items", "table"):
    for size in ("0.25MB", "1MB", "4MB", "16MB", "64MB"):
        a, f = median(shape, "analyze", size), median(shape, "floor", size)
        if a and f:
            rows.append((f"{shape} {size}", a, f))
if not rows:
    sys.exit(f"no criterion results under {root}")
print(f"{'input':<20} {'analysis MiB/s':>15} {'floor MiB/s':>12} {'floor/analysis':>15}")
for name, a, f in rows:
    print(f"{name:<20} {mibs(a):>15.1f} {mibs(f):>12.1f} {a[0] / f[0]:>14.1f}x")
for shape in ("concat", "items", "table"):
    a4, a16 = median(shape, "analyze", "4MB"), median(shape, "analyze", "16MB")
    if a4 and a16:
        print(f"growth {shape}: time(16 MB)/time(4 MB) = {a16[0] / a4[0]:.2f} (linear: 4;"
              f" bytes ratio {a16[1] / a4[1]:.2f})")
