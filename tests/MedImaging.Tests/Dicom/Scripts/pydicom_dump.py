#!/usr/bin/python3
"""Reference dump for DicomDumpTests: pydicom's reading of the top-level elements (file meta + dataset) of each
file named on the command line, as JSON lines {"file", "elements": [{"tag", "vr", "values"}]}. Text values are
pydicom's decoded strings (character sets applied), numbers are floats; binary blobs and sequences report only
their item count so that the comparison stays about parsing and decoding."""
import json
import sys
import warnings

import pydicom
from pydicom.multival import MultiValue

warnings.simplefilter("ignore")
TEXT = {"AE", "AS", "CS", "DA", "DT", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
NUMBERS = {"DS", "IS", "US", "SS", "UL", "SL", "FL", "FD"}


def values(elem):
    value = elem.value
    if value is None or value == "":
        return []
    items = list(value) if isinstance(value, (MultiValue, list)) else [value]
    if elem.VR in NUMBERS:
        return [float(v) if v is not None and v != "" else None for v in items]
    return [str(v) for v in items]


for path in sys.argv[1:]:
    out = {"file": path, "elements": []}
    try:
        ds = pydicom.dcmread(path, force=True)
        for source in (ds.file_meta, ds):
            for elem in source:
                tag = "(%04X,%04X)" % (elem.tag.group, elem.tag.element)
                if elem.VR == "SQ":
                    out["elements"].append({"tag": tag, "vr": "SQ", "items": len(elem.value)})
                elif elem.VR in TEXT or elem.VR in NUMBERS:
                    out["elements"].append({"tag": tag, "vr": elem.VR, "values": values(elem)})
    except Exception as ex:  # noqa: BLE001 - the test skips files pydicom cannot read
        out["error"] = str(ex)
    print(json.dumps(out))
