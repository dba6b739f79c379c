#!/usr/bin/env python3
"""Whole-process start-up of the medimg .NET tool as `dotnet tool install` gives it, against dcm2niix and pydicom.

Packs the tool (this machine's RID-specific package, native AOT on linux-x64, + the portable fallback) into a
temporary folder feed, installs it with `dotnet tool install --tool-path`, then times alternating runs (wall clock of
the whole process, medians):
  convert DIR OUT --format nii   against   dcm2niix -z n -o OUT DIR
  dicom scan DIR                 against   python3: import pydicom; dcmread(f, stop_before_pixels=True) for every file
and prints the ratios (> 1 = medimg faster) and the scan's own `ms` against the pydicom loop's own time.

    python3 benchmarks/installed_tool_startup.py /work/ref/data/generated/ct_phantom_dicom [RUNS=9] [--tool DIR]

--tool DIR reuses an installed tool folder (skips pack and install).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PYDICOM_LOOP = r"""
import glob, os, sys, time
start = time.perf_counter()
import pydicom
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.dcm")))
loop = time.perf_counter()
for f in files:
    pydicom.dcmread(f, stop_before_pixels=True)
end = time.perf_counter()
print((end - loop) * 1000, (loop - start) * 1000)
"""


def install(repo, work):
    feed = os.path.join(work, "feed")
    version = "0.0.0-startup." + time.strftime("%Y%m%d%H%M%S")
    subprocess.run(["dotnet", "pack", os.path.join(repo, "src", "MedImaging.Cli"), "-c", "Release", "-o", feed,
                    "-p:PackageVersion=" + version, "-p:ToolRuntimeIdentifiers=linux-x64+any",  # this machine's package
                    "-nologo", "-v", "quiet"], check=True)
    tools = os.path.join(work, "tools")
    subprocess.run(["dotnet", "tool", "install", "medimg", "--tool-path", tools, "--add-source", feed,
                    "--version", version], check=True)
    return tools


def wall(cmd, out=None):
    if out:
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True, text=True)
    return time.perf_counter() - start, done.stdout


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--tool")]
    dicom = args[0]
    runs = int(args[1]) if len(args) > 1 else 9
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    work = tempfile.mkdtemp()
    tools = sys.argv[sys.argv.index("--tool") + 1] if "--tool" in sys.argv else install(repo, work)
    medimg = os.path.join(tools, "medimg")
    out = os.path.join(work, "out")
    conv_m, conv_d, scan_m, scan_p, scan_ms, loop_ms = [], [], [], [], [], []
    for _ in range(runs):
        conv_m.append(wall([medimg, "convert", dicom, out, "--format", "nii", "--quiet"], out)[0])
        conv_d.append(wall(["dcm2niix", "-z", "n", "-o", out, dicom], out)[0])
        t, stdout = wall([medimg, "dicom", "scan", dicom])
        scan_m.append(t)
        scan_ms.append(json.loads(stdout)["ms"])
        t, stdout = wall(["/usr/bin/python3", "-c", PYDICOM_LOOP, dicom])
        scan_p.append(t)
        loop_ms.append(float(stdout.split()[0]))
    med = statistics.median
    print(json.dumps({
        "runs": runs,
        "convert_nii_s": {"medimg": med(conv_m), "dcm2niix": med(conv_d), "ratio": med(conv_d) / med(conv_m)},
        "dicom_scan_whole_process_s": {"medimg": med(scan_m), "pydicom": med(scan_p), "ratio": med(scan_p) / med(scan_m)},
        "dicom_scan_own_ms": {"medimg_ms": med(scan_ms), "pydicom_loop_ms": med(loop_ms), "ratio": med(loop_ms) / med(scan_ms)},
        "tool": medimg,
    }, indent=2))


if __name__ == "__main__":
    main()
