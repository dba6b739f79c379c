"""Per-label statistics with nibabel + numpy, independent of MedImaging's measurement code.

usage: label_stats.py IMAGE LABELS   prints JSON {label: {voxels, volume_ml, mean, sd, min, max, median, centroid_lps,
bbox_index, bbox_size}} over the non-zero labels. Positions: the NIfTI affine (RAS) turned to LPS.
"""
import json
import sys

import nibabel as nib
import numpy as np

image = nib.load(sys.argv[1])
labels = nib.load(sys.argv[2])
if not np.allclose(image.affine, labels.affine, atol=1e-4):
    sys.exit("image and labels are on different grids")
values = np.asarray(image.dataobj).astype(np.float64)
lab = np.asarray(labels.dataobj).astype(np.int64)
voxel_ml = abs(np.linalg.det(image.affine[:3, :3])) / 1000.0
ras_to_lps = np.diag([-1.0, -1.0, 1.0])
out = {}
for label in sorted(int(v) for v in np.unique(lab) if v != 0):
    idx = np.argwhere(lab == label)
    v = values[lab == label]
    ras = image.affine[:3, :3] @ idx.mean(axis=0) + image.affine[:3, 3]
    out[str(label)] = {
        "voxels": int(idx.shape[0]),
        "volume_ml": float(idx.shape[0] * voxel_ml),
        "mean": float(v.mean()),
        "sd": float(v.std(ddof=1)) if v.size > 1 else 0.0,
        "min": float(v.min()),
        "max": float(v.max()),
        "median": float(np.median(v)),
        "centroid_lps": (ras_to_lps @ ras).tolist(),
        "bbox_index": idx.min(axis=0).tolist(),
        "bbox_size": (idx.max(axis=0) - idx.min(axis=0) + 1).tolist(),
    }
print(json.dumps(out))
