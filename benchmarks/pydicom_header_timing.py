#!/usr/bin/python3
"""Times pydicom's header-only read (dcmread(stop_before_pixels=True)) and full read (+ pixel_array) of every file
in a folder; the comparison figure for DicomReadBenchmarks (docs/PERFORMANCE.md). Usage:
    /usr/bin/python3 benchmarks/pydicom_header_timing.py ../shared/reference/data/generated/ct_phantom_dicom
Prints the median over 7 passes of µs per file for each."""
import glob
import os
import statistics
import sys
import time

import pydicom

files = sorted(glob.glob(os.path.join(sys.argv[1], "*.dcm")))


def passes(read):
    times = []
    for _ in range(7):
        start = time.perf_counter()
        for f in files:
            read(f)
        times.append((time.perf_counter() - start) / len(files) * 1e6)
    return statistics.median(times)


header = passes(lambda f: pydicom.dcmread(f, stop_before_pixels=True).Rows)
full = passes(lambda f: pydicom.dcmread(f).pixel_array.nbytes)
print(f"pydicom {pydicom.__version__}: {len(files)} files, header-only {header:.1f} us/file, full read + pixel_array {full:.1f} us/file")
