#!/usr/bin/env python3
"""compare_batches.py MERGED_OUT SINGLE_OUT: the merged summary of a sharded batch against one unsharded run.

Equal means: the same cases in the same order with the same input, status, report path and error, the same
counts, and every report's numbers (grids, structures, warnings) equal; timings and shard bookkeeping aside.
Prints a one-line description; exit 1 with the first difference otherwise.
"""
import json
import os
import sys


def summary(folder):
    with open(os.path.join(folder, "batch.json"), encoding="utf-8") as f:
        s = json.load(f)
    cases = [{k: v for k, v in c.items() if k != "ms"} for c in s["cases"]]
    counts = {k: s[k] for k in ("ok", "failed", "skipped", "status", "root")}
    return s, cases, counts


def numbers(folder, case):
    if case.get("report") is None:
        return None
    with open(os.path.join(folder, case["report"]), encoding="utf-8") as f:
        r = json.load(f)
    return {k: r[k] for k in ("modality", "geometry_after", "structures", "warnings")}


merged, merged_cases, merged_counts = summary(sys.argv[1])
single, single_cases, single_counts = summary(sys.argv[2])
problems = []
if merged_cases != single_cases:
    problems.append(f"cases differ: {merged_cases} vs {single_cases}")
if merged_counts != single_counts:
    problems.append(f"counts differ: {merged_counts} vs {single_counts}")
if merged.get("merge", {}).get("missing_shards") or merged.get("merge", {}).get("missing_cases"):
    problems.append(f"merge reports missing: {merged['merge']}")
for c in single_cases:
    if numbers(sys.argv[1], c) != numbers(sys.argv[2], c):
        problems.append(f"report numbers of {c['name']} differ")
for page in ("index.html", "results.csv"):
    if not os.path.exists(os.path.join(sys.argv[1], page)):
        problems.append(f"merge wrote no {page}")
if single_counts["failed"] != 1 or single_counts["ok"] < 8:
    problems.append(f"expected 8 ok and 1 failed case, got {single_counts}")
if problems:
    print("; ".join(problems))
    sys.exit(1)
print(f"{len(single_cases)} cases ({single_counts['ok']} ok, {single_counts['failed']} failed) equal to one run")
