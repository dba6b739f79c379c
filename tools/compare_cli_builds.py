#!/usr/bin/env python3
"""Runs the same medimg commands with two builds of the CLI and reports any difference.

Compared: exit code, stdout JSON (keys and values in order, timing fields `ms`/`*_ms` left out), stderr, and the
SHA-256 of every file written. Used to check that the native AOT executable (`dotnet publish -r linux-x64`) behaves
exactly like the framework-dependent ReadyToRun build (`--self-contained false`; docs/PERFORMANCE.md).

    python3 tools/compare_cli_builds.py out/medimg-r2r/medimg out/medimg/medimg [SHARED]

SHARED is the shared folder with reference/data/generated and corpus (default: $MEDIMG_SHARED or ../shared).
Exits 1 if any command differs.
"""
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile


def cases(shared):
    g = os.path.join(shared, "reference", "data", "generated")
    dump = os.path.join(shared, "corpus", "pydicom-testfiles-debian", "test_files", "CT_small.dcm")
    return [
        ("info_nii", ["info", f"{g}/ct_phantom.nii.gz"]),
        ("info_dicom", ["info", f"{g}/ct_phantom_dicom"]),
        ("info_mha", ["info", f"{g}/ct_phantom.mha"]),
        ("convert_dicom_nii", ["convert", f"{g}/ct_phantom_dicom", "{o}/dcm", "--format", "nii"]),
        ("convert_dicom_niigz", ["convert", f"{g}/ct_phantom_dicom", "{o}/dcmgz"]),
        ("convert_nii_mha", ["convert", f"{g}/ct_phantom.nii.gz", "{o}/ct.mha"]),
        ("convert_nii_nrrd", ["convert", f"{g}/ch2.nii.gz", "{o}/ch2.nrrd"]),
        ("resample_bspline3", ["resample", f"{g}/ct_phantom.nii.gz", "{o}/r.nii.gz", "--spacing", "1,1,1",
                               "--interpolator", "bspline3", "--default", "-1024", "--truncate"]),
        ("resample_linear_f32", ["resample", f"{g}/ch2.nii.gz", "{o}/r.nii", "--spacing", "1.5,1.5,1.5",
                                 "--pixel-type", "float32"]),
        ("register_ch2", ["register", f"{g}/ch2.nii.gz", f"{g}/ch2_moved.nii.gz", "{o}/out.tfm"]),
        ("register_ch2_1thread", ["register", f"{g}/ch2.nii.gz", f"{g}/ch2_moved.nii.gz", "{o}/out.tfm", "--threads", "1"]),
        ("n4", ["n4", f"{g}/mr_phantom_bias.nii.gz", "{o}/n4.nii.gz", "--iterations", "20,20", "--quiet"]),
        ("stats", ["stats", f"{g}/ct_phantom.nii.gz", "--labels", f"{g}/ct_lesion_mask.nii.gz"]),
        ("otsu", ["otsu", f"{g}/ct_phantom.nii.gz", "{o}/otsu.nii.gz", "--bins", "200"]),
        ("morph", ["morph", f"{g}/ct_liver_holes.nii.gz", "{o}/m.nii.gz", "--op", "close", "--radius", "3"]),
        ("qc", ["qc", f"{g}/ct_phantom.mha", "{o}/qc.png", "--labels", f"{g}/ct_liver_seg.nii.gz", "--window", "400,40"]),
        # the report carries its creation time
        ("pipeline", ["pipeline", f"{g}/ct_phantom_dicom", "{o}/p", "--labels", f"{g}/ct_liver_mask.nii.gz", "--quiet"],
         ["p/report.json"]),
        ("dicom_scan", ["dicom", "scan", f"{g}/ct_phantom_dicom"]),
        ("dicom_dump", ["dicom", "dump", dump]),
        # demo writes fresh DICOM UIDs and dates and a report with its creation time on every run, so those files
        # differ between two runs of the same build; its images, labels, QC pictures and JSON are compared.
        ("demo", ["demo", "{o}/demo"], ["demo/input/dicom/*.dcm", "demo/report.json"]),
        ("missing_input", ["info", "/nonexistent.nii"]),
    ]


def without_timings(value):
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k != "ms" and not k.endswith("_ms")}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def written_files(folder, per_run):
    digests = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if any(fnmatch.fnmatch(os.path.relpath(path, folder), pattern) for pattern in per_run):
                continue
            with open(path, "rb") as f:
                digests[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return digests


def run(exe, args, per_run, out):
    os.makedirs(out)
    p = subprocess.run([exe] + [a.replace("{o}", out) for a in args], capture_output=True, text=True, check=False)
    stdout = p.stdout.replace(out, "{o}")
    try:
        parsed = json.dumps(without_timings(json.loads(stdout))) if stdout.strip() else ""
    except json.JSONDecodeError:
        parsed = stdout
    return p.returncode, parsed, p.stderr.replace(out, "{o}"), written_files(out, per_run)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    a, b = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) == 4 else os.environ.get("MEDIMG_SHARED", "../shared")
    work = tempfile.mkdtemp(prefix="medimg-compare-")
    differing = 0
    try:
        for name, args, *per_run in cases(shared):
            per_run = per_run[0] if per_run else []
            ra = run(a, args, per_run, os.path.join(work, "a", name))
            rb = run(b, args, per_run, os.path.join(work, "b", name))
            same = ra == rb
            differing += not same
            print(f"{'same' if same else 'DIFFERENT'}  {name}: exit {ra[0]}/{rb[0]}, {len(ra[3])} file(s) written")
            if not same:
                print(f"  A: {ra}\n  B: {rb}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{differing} of {len(cases(shared))} commands differ")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
