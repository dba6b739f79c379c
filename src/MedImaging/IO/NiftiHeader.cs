using System.Buffers.Binary;
using System.Text;

using static MedImaging.IO.HeaderText;

namespace MedImaging.IO;

/// <summary>
/// The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that MedImaging uses, held at the wider
/// NIfTI-2 precision. <see cref="Parse"/> reads either layout in either byte order; <see cref="ToBytes"/> writes
/// the little-endian layout of <see cref="Version"/>. Field names follow nifti1.h / nifti2.h.
/// </summary>
internal sealed class NiftiHeader
{
    /// <summary>sizeof_hdr of NIfTI-1.</summary>
    public const int SizeV1 = 348;

    /// <summary>sizeof_hdr of NIfTI-2.</summary>
    public const int SizeV2 = 540;

    /// <summary>1 or 2.</summary>
    public int Version { get; set; } = 1;

    /// <summary>True when the file stores numbers most significant byte first.</summary>
    public bool BigEndian { get; set; }

    /// <summary>True for a single file (magic n+1 / n+2), false for a .hdr/.img pair (ni1 / ni2).</summary>
    public bool SingleFile { get; set; } = true;

    /// <summary>NIFTI_TYPE_* code.</summary>
    public int Datatype { get; set; }

    /// <summary>Bits per voxel.</summary>
    public int Bitpix { get; set; }

    /// <summary>dim[0] = number of dimensions, dim[1..7] = sizes.</summary>
    public long[] Dim { get; } = new long[8];

    /// <summary>pixdim[0] = qfac, pixdim[1..7] = spacing (and TR in pixdim[4]).</summary>
    public double[] Pixdim { get; } = new double[8];

    /// <summary>Byte offset of the first voxel.</summary>
    public double VoxOffset { get; set; }

    /// <summary>Data scaling slope (0 = none).</summary>
    public double SclSlope { get; set; }

    /// <summary>Data scaling intercept.</summary>
    public double SclInter { get; set; }

    /// <summary>Spatial and time units (NIFTI_UNITS_*).</summary>
    public int XyztUnits { get; set; }

    /// <summary>Free text, at most 79 characters.</summary>
    public string Descrip { get; set; } = "";

    /// <summary>NIFTI_XFORM_* code of the quaternion transform.</summary>
    public int QformCode { get; set; }

    /// <summary>NIFTI_XFORM_* code of the affine rows.</summary>
    public int SformCode { get; set; }

    /// <summary>quatern_b, quatern_c, quatern_d.</summary>
    public double[] Quatern { get; } = new double[3];

    /// <summary>qoffset_x, qoffset_y, qoffset_z (RAS mm).</summary>
    public double[] QOffset { get; } = new double[3];

    /// <summary>srow_x, srow_y, srow_z: the affine's three rows (RAS mm), row-major 3×4.</summary>
    public double[] Srow { get; } = new double[12];

    /// <summary>Parses a header from its first bytes (at least 348; 540 for NIfTI-2).</summary>
    /// <exception cref="ImageFormatException">Too short, unknown sizeof_hdr or magic.</exception>
    public static NiftiHeader Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 4)
        {
            throw new ImageFormatException(path, "sizeof_hdr", Invariant($"the file holds {bytes.Length} bytes, a NIfTI header needs {SizeV1}"));
        }

        int sizeLe = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int sizeBe = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var header = new NiftiHeader();
        int size;
        if (sizeLe is SizeV1 or SizeV2)
        {
            size = sizeLe;
        }
        else if (sizeBe is SizeV1 or SizeV2)
        {
            size = sizeBe;
            header.BigEndian = true;
        }
        else
        {
            throw new ImageFormatException(path, "sizeof_hdr", Invariant($"{sizeLe} (0x{sizeLe:X8}) is neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order: not a NIfTI file"));
        }

        if (bytes.Length < size)
        {
            throw new ImageFormatException(path, "header", Invariant($"the file holds {bytes.Length} bytes, the NIfTI-{(size == SizeV1 ? 1 : 2)} header needs {size} (truncated file)"));
        }

        header.Version = size == SizeV1 ? 1 : 2;
        var reader = new FieldReader(bytes[..size], header.BigEndian);
        if (header.Version == 1)
        {
            header.ParseV1(reader, path);
        }
        else
        {
            header.ParseV2(reader, path);
        }

        return header;
    }

    /// <summary>The little-endian header bytes of <see cref="Version"/> followed by 4 zero extension bytes.</summary>
    public byte[] ToBytes()
    {
        int size = Version == 1 ? SizeV1 : SizeV2;
        byte[] bytes = new byte[size + 4];
        var w = new FieldWriter(bytes);
        if (Version == 1)
        {
            WriteV1(w);
        }
        else
        {
            WriteV2(w);
        }

        return bytes;
    }

    private void ParseV1(FieldReader r, string path)
    {
        string magic = r.Ascii(344, 4);
        SingleFile = CheckMagic(magic, "n+1", "ni1", path);
        for (int i = 0; i < 8; i++)
        {
            Dim[i] = r.Int16(40 + 2 * i);
            Pixdim[i] = r.Single(76 + 4 * i);
        }

        Datatype = r.Int16(70);
        Bitpix = r.Int16(72);
        VoxOffset = r.Single(108);
        SclSlope = r.Single(112);
        SclInter = r.Single(116);
        XyztUnits = r.Byte(123);
        Descrip = r.Ascii(148, 80);
        QformCode = r.Int16(252);
        SformCode = r.Int16(254);
        for (int i = 0; i < 3; i++)
        {
            Quatern[i] = r.Single(256 + 4 * i);
            QOffset[i] = r.Single(268 + 4 * i);
        }

        for (int i = 0; i < 12; i++)
        {
            Srow[i] = r.Single(280 + 4 * i);
        }
    }

    private void ParseV2(FieldReader r, string path)
    {
        string magic = r.Ascii(4, 8);
        SingleFile = CheckMagic(magic, "n+2", "ni2", path);
        Datatype = r.Int16(12);
        Bitpix = r.Int16(14);
        for (int i = 0; i < 8; i++)
        {
            Dim[i] = r.Int64(16 + 8 * i);
            Pixdim[i] = r.Double(104 + 8 * i);
        }

        VoxOffset = r.Int64(168);
        SclSlope = r.Double(176);
        SclInter = r.Double(184);
        Descrip = r.Ascii(240, 80);
        QformCode = r.Int32(344);
        SformCode = r.Int32(348);
        for (int i = 0; i < 3; i++)
        {
            Quatern[i] = r.Double(352 + 8 * i);
            QOffset[i] = r.Double(376 + 8 * i);
        }

        for (int i = 0; i < 12; i++)
        {
            Srow[i] = r.Double(400 + 8 * i);
        }

        XyztUnits = r.Int32(500);
    }

    private void WriteV1(FieldWriter w)
    {
        w.Int32(0, SizeV1);
        w.Int32(32, 16384); // extents: 16384 by the Analyze 7.5 tradition nifti_clib follows
        w.Byte(38, (byte)'r'); // regular
        for (int i = 0; i < 8; i++)
        {
            w.Int16(40 + 2 * i, checked((short)Dim[i]));
            w.Single(76 + 4 * i, Pixdim[i]);
        }

        w.Int16(70, (short)Datatype);
        w.Int16(72, (short)Bitpix);
        w.Single(108, VoxOffset);
        w.Single(112, SclSlope);
        w.Single(116, SclInter);
        w.Byte(123, (byte)XyztUnits);
        w.Ascii(148, 80, Descrip);
        w.Int16(252, (short)QformCode);
        w.Int16(254, (short)SformCode);
        for (int i = 0; i < 3; i++)
        {
            w.Single(256 + 4 * i, Quatern[i]);
            w.Single(268 + 4 * i, QOffset[i]);
        }

        for (int i = 0; i < 12; i++)
        {
            w.Single(280 + 4 * i, Srow[i]);
        }

        w.Ascii(344, 4, SingleFile ? "n+1" : "ni1");
    }

    private void WriteV2(FieldWriter w)
    {
        w.Int32(0, SizeV2);
        w.Bytes(4, SingleFile ? "n+2\0\r\n\u001a\n"u8 : "ni2\0\r\n\u001a\n"u8);
        w.Int16(12, (short)Datatype);
        w.Int16(14, (short)Bitpix);
        for (int i = 0; i < 8; i++)
        {
            w.Int64(16 + 8 * i, Dim[i]);
            w.Double(104 + 8 * i, Pixdim[i]);
        }

        w.Int64(168, (long)VoxOffset);
        w.Double(176, SclSlope);
        w.Double(184, SclInter);
        w.Ascii(240, 80, Descrip);
        w.Int32(344, QformCode);
        w.Int32(348, SformCode);
        for (int i = 0; i < 3; i++)
        {
            w.Double(352 + 8 * i, Quatern[i]);
            w.Double(376 + 8 * i, QOffset[i]);
        }

        for (int i = 0; i < 12; i++)
        {
            w.Double(400 + 8 * i, Srow[i]);
        }

        w.Int32(500, XyztUnits);
    }

    private static bool CheckMagic(string magic, string single, string pair, string path)
    {
        if (magic.StartsWith(single, StringComparison.Ordinal))
        {
            return true;
        }

        if (magic.StartsWith(pair, StringComparison.Ordinal))
        {
            return false;
        }

        throw new ImageFormatException(path, "magic", $"'{magic.TrimEnd('\0')}' is neither '{single}' nor '{pair}' (Analyze 7.5 files without NIfTI magic are not read)");
    }

    private readonly ref struct FieldReader(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public byte Byte(int offset) => _bytes[offset];

        public short Int16(int offset) => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(_bytes[offset..]) : BinaryPrimitives.ReadInt16LittleEndian(_bytes[offset..]);

        public int Int32(int offset) => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(_bytes[offset..]) : BinaryPrimitives.ReadInt32LittleEndian(_bytes[offset..]);

        public long Int64(int offset) => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(_bytes[offset..]) : BinaryPrimitives.ReadInt64LittleEndian(_bytes[offset..]);

        public float Single(int offset) => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(_bytes[offset..]) : BinaryPrimitives.ReadSingleLittleEndian(_bytes[offset..]);

        public double Double(int offset) => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(_bytes[offset..]) : BinaryPrimitives.ReadDoubleLittleEndian(_bytes[offset..]);

        public string Ascii(int offset, int length)
        {
            ReadOnlySpan<byte> field = _bytes.Slice(offset, length);
            int end = field.IndexOf((byte)0);
            return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
        }
    }

    private readonly ref struct FieldWriter(Span<byte> bytes)
    {
        private readonly Span<byte> _bytes = bytes;

        public void Byte(int offset, byte value) => _bytes[offset] = value;

        public void Int16(int offset, short value) => BinaryPrimitives.WriteInt16LittleEndian(_bytes[offset..], value);

        public void Int32(int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(_bytes[offset..], value);

        public void Int64(int offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(_bytes[offset..], value);

        public void Single(int offset, double value) => BinaryPrimitives.WriteSingleLittleEndian(_bytes[offset..], (float)value);

        public void Double(int offset, double value) => BinaryPrimitives.WriteDoubleLittleEndian(_bytes[offset..], value);

        public void Bytes(int offset, ReadOnlySpan<byte> value) => value.CopyTo(_bytes[offset..]);

        public void Ascii(int offset, int length, string value)
        {
            int count = Math.Min(value.Length, length - 1);
            for (int i = 0; i < count; i++)
            {
                _bytes[offset + i] = value[i] < 128 ? (byte)value[i] : (byte)'?';
            }
        }
    }
}
