#!/usr/bin/env python3
"""The one-shot table of issue #19: medimg and the ITK harness run alternately on the same files and threads.

Each row runs `medimg` and `itkref` as users run them (one process per operation), alternating: each round runs
both with 1 thread, then both with 2 threads (RUNS rounds after one warm-up round), and prints per row: the medians
of each tool's own `ms` (the computation each reports) and of the whole process' wall time, the median of the
pairwise ratios ITK/ours (> 1 = medimg faster), and the median per-round speed-up of 2 threads over 1 for each tool.

    python3 benchmarks/oneshot_vs_itk.py MEDIMG ITKREF GENERATED [RUNS=5] [ROW ...]

MEDIMG is the published executable: `dotnet publish src/MedImaging.Cli -c Release -r linux-x64 -o out/medimg` (native
AOT, the executable the installed tool runs on linux-x64), or the framework-dependent ReadyToRun build (the same with
--self-contained false),
ITKREF the harness (../shared/reference/itk/build/itkref), GENERATED its data folder (reference/data/generated).
Rows: resample-nearest, resample-linear, stats, register, threshold (against a fresh 64 MiB numpy copy); all by default.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def rows(itk, g, o):
    ct = f"{g}/ct_phantom.nii.gz"
    lesion = f"{g}/ct_lesion_mask.nii.gz"
    copy = ("import numpy as np,time,json; a=np.ones(32<<20,np.int16); t=time.perf_counter(); b=a.copy(); "
            "print(json.dumps({'ms':(time.perf_counter()-t)*1e3}))")
    return {
        "resample-nearest": lambda t: (
            ["resample", ct, f"{o}/r.nii", "--spacing", "1,1,1", "--interpolator", "nearest", "--default", "-1024",
             "--threads", t, "--quiet"],
            [itk, "resample", ct, f"{o}/i.nii", "--spacing", "1", "1", "1", "--interp", "nearest", "--default", "-1024",
             "--threads", t]),
        "resample-linear": lambda t: (
            ["resample", ct, f"{o}/r.nii", "--spacing", "1,1,1", "--interpolator", "linear", "--default", "-1024",
             "--threads", t, "--quiet"],
            [itk, "resample", ct, f"{o}/i.nii", "--spacing", "1", "1", "1", "--interp", "linear", "--default", "-1024",
             "--threads", t]),
        "stats": lambda t: (
            ["stats", ct, "--labels", lesion, "--label", "1", "--threads", t, "--quiet"],
            [itk, "labelstats", ct, lesion, "--threads", t]),
        "register": lambda t: (
            ["register", ct, f"{g}/ct_moved.nii.gz", f"{o}/r.tfm", "--threads", t, "--quiet"],
            [itk, "register", ct, f"{g}/ct_moved.nii.gz", f"{o}/i.tfm", "--threads", t]),
        "threshold": lambda t: (
            ["threshold", ct, f"{o}/t.nii", "--lower", "0", "--upper", "100", "--threads", t, "--quiet"],
            None if t != "1" else [sys.executable, "-c", copy]),
    }


def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[:400]}")
    return json.loads(done.stdout).get("ms", float("nan")), wall  # both tools print one JSON document


def main():
    exe, itk, g = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    wanted = sys.argv[5:]
    med = statistics.median
    with tempfile.TemporaryDirectory() as o:
        table = rows(itk, g, o)
        print("| row | threads | ours ms | ref ms | ratio ms | ours wall ms | ref wall ms | ratio wall |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name in wanted or table:
            # Every round runs ours and the reference with 1 thread, then with 2, back to back: on a host whose speed
            # drifts, the ratios within one round (ITK/ours, and 2 threads against 1) compare like with like.
            commands = {t: table[name](t) for t in ("1", "2")}
            commands = {t: c for t, c in commands.items() if c[1] is not None}
            samples = {t: [] for t in commands}
            for i in range(runs + 1):
                for t, (ours, ref) in commands.items():
                    pair = (timed([exe] + ours), timed(ref))
                    if i > 0:
                        samples[t].append(pair)
            for t, pairs in samples.items():
                print(f"| {name} | {t} | {med([a[0] for a, _ in pairs]):.0f} | {med([b[0] for _, b in pairs]):.0f} | "
                      f"{med([b[0] / a[0] for a, b in pairs]):.2f} | {med([a[1] for a, _ in pairs]):.0f} | "
                      f"{med([b[1] for _, b in pairs]):.0f} | {med([b[1] / a[1] for a, b in pairs]):.2f} |", flush=True)
            if len(samples) == 2:
                ours = med([one[0][0] / two[0][0] for one, two in zip(samples["1"], samples["2"])])
                ref = med([one[1][0] / two[1][0] for one, two in zip(samples["1"], samples["2"])])
                print(f"| {name} | 1 thread / 2 threads, own ms, per round | {ours:.2f} | {ref:.2f} | | | | |", flush=True)


if __name__ == "__main__":
    main()
