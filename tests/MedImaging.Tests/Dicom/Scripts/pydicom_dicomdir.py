#!/usr/bin/python3
"""Reference reading of DICOMDIR files for DicomDirectoryTests, one JSON line per file named on the command line:
{"file", "tree": [[depth, record type, "A/B/C" or ""], ...] depth first in directory order, built from the record
`children` lists pydicom's DicomDir computes from the (0004,1420)/(0004,1400) offsets, starting at the record that
(0004,1200) names and following its (0004,1400) chain, then - as pydicom's FileSet does with include_orphans=True -
the records no offset reaches that carry a ReferencedFileID, at depth 0 (in sequence order; FileSet keeps them in
no particular order); "fileset": the paths, relative to the DICOMDIR's folder, of
the instances pydicom's FileSet loads (null when FileSet refuses the file, as for DICOMDIR-nopatient)}."""
import json
import os
import sys
import warnings

import pydicom
from pydicom.fileset import FileSet

warnings.simplefilter("ignore")


def file_id(record):
    value = record.get("ReferencedFileID")
    if value is None or value == "":
        return ""
    return "/".join(value) if isinstance(value, pydicom.multival.MultiValue) else str(value)


for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    records = list(ds.DirectoryRecordSequence)
    by_offset = {r.seq_item_tell: r for r in records}
    roots = []
    first = ds.get("OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity", 0)
    record = by_offset.get(first) if records else None
    while record is not None:
        roots.append(record)
        nxt = record.get("OffsetOfTheNextDirectoryRecord", 0)
        record = by_offset[nxt] if nxt else None
    tree = []
    pending = [(0, r) for r in reversed(roots)]
    while pending:
        depth, record = pending.pop()
        tree.append([depth, str(record.DirectoryRecordType), file_id(record)])
        pending.extend((depth + 1, c) for c in reversed(getattr(record, "children", [])))
    reached = set()
    pending = list(roots)
    while pending:
        record = pending.pop()
        reached.add(record.seq_item_tell)
        pending.extend(getattr(record, "children", []))
    for record in records:
        if record.seq_item_tell not in reached and file_id(record):
            tree.append([0, str(record.DirectoryRecordType), file_id(record)])
    try:
        folder = os.path.dirname(os.path.abspath(path))
        fileset = [os.path.relpath(i.path, folder) for i in FileSet(ds)]
    except Exception:
        fileset = None
    print(json.dumps({"file": path, "tree": tree, "fileset": fileset}))
