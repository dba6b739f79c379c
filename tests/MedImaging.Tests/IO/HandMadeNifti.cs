using System.Buffers.Binary;
using System.Text;

namespace MedImaging.Tests.IO;

/// <summary>
/// Builds NIfTI-1 files byte by byte from the nifti1.h layout (offsets written out here), independent of the
/// library's writer, in either byte order.
/// </summary>
internal sealed class HandMadeNifti
{
    public bool BigEndian { get; init; }

    public short Datatype { get; init; } = 4;

    public short Bitpix { get; init; } = 16;

    public short[] Dim { get; init; } = [3, 4, 3, 2, 1, 1, 1, 1];

    public float[] Pixdim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];

    public float VoxOffset { get; init; } = 352;

    public float SclSlope { get; init; }

    public float SclInter { get; init; }

    public byte XyztUnits { get; init; } = 2;

    public short QformCode { get; init; }

    public short SformCode { get; init; }

    public float[] Quatern { get; init; } = [0, 0, 0];

    public float[] QOffset { get; init; } = [0, 0, 0];

    public float[] Srow { get; init; } = new float[12];

    public string Magic { get; init; } = "n+1";

    /// <summary>Header (348 bytes), 4 extension bytes, then <paramref name="voxelBytes"/> (already in file byte order).</summary>
    public byte[] Build(ReadOnlySpan<byte> voxelBytes)
    {
        byte[] b = new byte[352 + voxelBytes.Length];
        I32(b, 0, 348);
        for (int i = 0; i < 8; i++)
        {
            I16(b, 40 + 2 * i, Dim[i]);
            F32(b, 76 + 4 * i, Pixdim[i]);
        }

        I16(b, 70, Datatype);
        I16(b, 72, Bitpix);
        F32(b, 108, VoxOffset);
        F32(b, 112, SclSlope);
        F32(b, 116, SclInter);
        b[123] = XyztUnits;
        I16(b, 252, QformCode);
        I16(b, 254, SformCode);
        for (int i = 0; i < 3; i++)
        {
            F32(b, 256 + 4 * i, Quatern[i]);
            F32(b, 268 + 4 * i, QOffset[i]);
        }

        for (int i = 0; i < 12; i++)
        {
            F32(b, 280 + 4 * i, Srow[i]);
        }

        Encoding.ASCII.GetBytes(Magic).CopyTo(b, 344);
        voxelBytes.CopyTo(b.AsSpan(352));
        return b;
    }

    /// <summary>int16 values in this file's byte order.</summary>
    public byte[] Int16Voxels(IEnumerable<short> values)
    {
        short[] v = [.. values];
        byte[] bytes = new byte[2 * v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            I16(bytes, 2 * i, v[i]);
        }

        return bytes;
    }

    private void I16(byte[] b, int offset, short value)
    {
        if (BigEndian) BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(offset), value);
        else BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(offset), value);
    }

    private void I32(byte[] b, int offset, int value)
    {
        if (BigEndian) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(offset), value);
        else BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(offset), value);
    }

    private void F32(byte[] b, int offset, float value)
    {
        if (BigEndian) BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(offset), value);
        else BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(offset), value);
    }
}
