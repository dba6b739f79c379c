#!/usr/bin/python3
"""Writes the small DICOM files in testdata/dicom/ with pydicom (Debian python3-pydicom 2.3.1), so our parser's
always-on tests read files that a tool we did not write produced. Every value is fixed here; the tests in
tests/MedImaging.Tests/Dicom/SelfMadeFileTests.cs assert the same numbers. Run from the repository root:
    /usr/bin/python3 tools/make_dicom_testdata.py
"""
import os
import struct
import subprocess

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "testdata", "dicom")
ROWS, COLUMNS = 3, 4
# Signed 12-bit values stored in 16 bits (HighBit 11) with junk in the top nibble of every other word, so a
# reader must mask and sign-extend: canonical value of pixel i is (i * 300 - 1800) wrapped to 12 bits.
CANONICAL = [((i * 300 - 1800 + 2048) % 4096) - 2048 for i in range(ROWS * COLUMNS)]
STORED = [(v & 0x0FFF) | (0xA000 if i % 2 else 0) for i, v in enumerate(CANONICAL)]


def base_dataset(transfer_syntax, name):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.8.498.1"
    meta.TransferSyntaxUID = transfer_syntax
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.2"
    ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "CT"
    ds.PatientName = "Müller^Jürgen"
    ds.PatientID = "ID 42"
    ds.StudyDate = "20240229"
    ds.SeriesNumber = " 7 "
    ds.ImagePositionPatient = ["-1.25e2", "+0.5", "3 "]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = ["0.5", "0.25"]
    ds.RescaleSlope = "1"
    ds.RescaleIntercept = "-1024"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ROWS
    ds.Columns = COLUMNS
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 1
    return ds


def save(ds, name, little, implicit):
    ds.is_little_endian = little
    ds.is_implicit_VR = implicit
    pixels = np.array(STORED, dtype="<u2" if little else ">u2")
    ds.PixelData = pixels.tobytes()
    path = os.path.join(OUT, name)
    ds.save_as(path, write_like_original=False)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    save(base_dataset(ImplicitVRLittleEndian, "implicit_le.dcm"), "implicit_le.dcm", True, True)
    save(base_dataset(ExplicitVRBigEndian, "explicit_be.dcm"), "explicit_be.dcm", False, False)

    ds = base_dataset(ExplicitVRLittleEndian, "sequences_undefined_length.dcm")
    inner = Dataset()
    inner.CodeValue = "T-D1100"
    inner.CodingSchemeDesignator = "SRT"
    inner.CodeMeaning = "Head"
    items = []
    for i in range(2):
        item = Dataset()
        item.ReferencedSOPInstanceUID = "1.2.3.%d" % (i + 1)
        item.AnatomicRegionSequence = Sequence([inner])
        items.append(item)
    ds.ReferencedImageSequence = Sequence(items)
    path = save(ds, "sequences_undefined_length.dcm", True, False)
    # pydicom writes defined lengths; rewrite the sequences with undefined lengths and delimiters by hand.
    raw = open(path, "rb").read()
    open(path, "wb").write(undefine_lengths(raw))

    full = open(os.path.join(OUT, "implicit_le.dcm"), "rb").read()
    open(os.path.join(OUT, "truncated.dcm"), "wb").write(full[:-7])

    # Absurd length: the pixel data element's length field says 4294967290 (0xFFFFFFFA).
    at = full.rfind(b"\xe0\x7f\x10\x00")
    absurd = full[:at + 4] + struct.pack("<I", 0xFFFFFFFA) + full[at + 8:]
    open(os.path.join(OUT, "absurd_length.dcm"), "wb").write(absurd)
    print("pixel data element of absurd_length.dcm at offset", at)
    make_jpeg_lossless()
    make_packed12()


# Packed 12-bit (ACR-NEMA BitsAllocated 12): values fixed here, packed two per three bytes in GDCM's/DCMTK's order
# (v0 = b0 | (b1 & 0x0F) << 8, v1 = b1 >> 4 | b2 << 4); SelfMadeFileTests asserts the same list.
PACKED12 = [(i * 341 + 7) % 4096 for i in range(ROWS * COLUMNS)]


def make_packed12():
    ds = base_dataset(ImplicitVRLittleEndian, "packed12.dcm")
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 12, 12, 11, 0
    packed = bytearray()
    for v0, v1 in zip(PACKED12[0::2], PACKED12[1::2]):
        packed += bytes([v0 & 0xFF, (v0 >> 8) | ((v1 & 0x0F) << 4), v1 >> 4])
    ds.is_little_endian, ds.is_implicit_VR = True, True
    ds.PixelData = bytes(packed)
    ds.save_as(os.path.join(OUT, "packed12.dcm"), write_like_original=False)


def undefine_lengths(raw):
    """Sets every SQ and item length in an explicit VR LE file to 0xFFFFFFFF and adds the delimiters."""
    out = bytearray(raw[:132])
    pos = 132
    out += rewrite(raw, pos, len(raw))
    return bytes(out)


def rewrite(raw, pos, end):
    out = bytearray()
    while pos < end:
        group, element = struct.unpack_from("<HH", raw, pos)
        vr = raw[pos + 4:pos + 6]
        if vr in (b"OB", b"OW", b"OF", b"SQ", b"UT", b"UN", b"UC", b"UR", b"OD", b"OL"):
            length = struct.unpack_from("<I", raw, pos + 8)[0]
            header, start = raw[pos:pos + 8], pos + 12
        else:
            length = struct.unpack_from("<H", raw, pos + 6)[0]
            header, start = raw[pos:pos + 8], pos + 8
        if vr == b"SQ":
            out += header + struct.pack("<I", 0xFFFFFFFF)
            item_pos = start
            while item_pos < start + length:
                item_length = struct.unpack_from("<I", raw, item_pos + 4)[0]
                out += struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF)
                out += rewrite(raw, item_pos + 8, item_pos + 8 + item_length)
                out += struct.pack("<HHI", 0xFFFE, 0xE00D, 0)
                item_pos += 8 + item_length
            out += struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
        else:
            out += raw[pos:start + length]
        pos = start + length
    return out


def lossless_value(x, y, frame, bits):
    """The pattern of the JPEG lossless sources: gradients plus a non-smooth term so every predictor matters."""
    return (x * 37 + y * 101 + ((x * y) % 17) * 13 + frame * 500) % (1 << bits)


def make_jpeg_lossless():
    """A 3-frame 64x48 12-bit source, compressed by DCMTK's dcmcjpeg (Debian dcmtk 3.6.7) with every selection
    value, one point transform, and 1 KiB fragments (frames split over several fragments, offset table present);
    plus an 8-bit and a signed 16-bit source."""
    sources = []
    for name, bits, allocated, signed in (("u12", 12, 16, False), ("u8", 8, 8, False), ("s16", 16, 16, True)):
        ds = base_dataset(ExplicitVRLittleEndian, name)
        ds.Rows, ds.Columns, ds.NumberOfFrames = 48, 64, 3
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = allocated, bits, bits - 1, int(signed)
        values = np.array([[[lossless_value(x, y, f, bits) for x in range(64)] for y in range(48)] for f in range(3)])
        if signed:
            values = values - (1 << 15)
        dtype = {8: "<u1", 16: "<i2" if signed else "<u2"}[allocated]
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.PixelData = values.astype(dtype).tobytes()
        path = os.path.join(OUT, "jpeg_lossless_source_%s.dcm" % name)
        ds.save_as(path, write_like_original=False)
        sources.append((name, path))
    u12 = sources[0][1]
    for sv in range(1, 8):
        dcmcjpeg(["+el", "+sv", str(sv)], u12, "jpeg_lossless_u12_sv%d.dcm" % sv)
    dcmcjpeg(["+el", "+sv", "1", "+pt", "2"], u12, "jpeg_lossless_u12_sv1_pt2.dcm")
    dcmcjpeg(["+el", "+sv", "5", "+fs", "1"], u12, "jpeg_lossless_u12_sv5_fragments.dcm")
    dcmcjpeg(["+el", "+sv", "7"], sources[1][1], "jpeg_lossless_u8_sv7.dcm")
    dcmcjpeg(["+el", "+sv", "4"], sources[2][1], "jpeg_lossless_s16_sv4.dcm")
    for _, path in sources[1:]:
        os.remove(path)


def dcmcjpeg(options, source, name):
    subprocess.run(["dcmcjpeg", *options, source, os.path.join(OUT, name)], check=True)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["packed12"]:
        make_packed12()
    else:
        main()
