using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <summary>
/// Where a file's top-level Pixel Data value lies, found by a header-only read (<see cref="DicomReadOptions.StopBeforePixelData"/>)
/// so that the pixels can later be read straight from the file without parsing the header again. The file's length
/// and modification time at the header read let the pixel read detect a file that changed in between.
/// </summary>
/// <param name="Tag">The pixel data element: (7FE0,0010), or the float variants (7FE0,0008/0009).</param>
/// <param name="ElementOffset">Byte offset of the element's tag in the file.</param>
/// <param name="ValueOffset">Byte offset of the first value byte in the file.</param>
/// <param name="ValueLength">The value length in bytes; -1 for undefined length (encapsulated fragments).</param>
/// <param name="IsNativeLittleEndian">True when the transfer syntax stores native (not encapsulated) little-endian data.</param>
/// <param name="FileLength">The file's length in bytes at the header read.</param>
/// <param name="LastWriteTimeUtc">The file's modification time at the header read.</param>
internal sealed record DicomPixelDataExtent(DicomTag Tag, long ElementOffset, long ValueOffset, long ValueLength, bool IsNativeLittleEndian,
    long FileLength, DateTime LastWriteTimeUtc)
{
    /// <summary>
    /// Reads the element header at <paramref name="elementOffset"/> of <paramref name="header"/> (the bytes loaded from the
    /// start of the file); null when the header is not all there, or the dataset was deflated (offsets into the inflated
    /// stream are not file offsets).
    /// </summary>
    public static DicomPixelDataExtent? Locate(ReadOnlySpan<byte> header, long elementOffset, DicomTransferSyntax syntax, long fileLength, DateTime lastWriteTimeUtc)
    {
        if (elementOffset < 0 || syntax.IsDeflated || elementOffset + 12 > header.Length)
        {
            return null;
        }

        ReadOnlySpan<byte> at = header[(int)elementOffset..];
        bool big = syntax.IsBigEndian;
        var tag = new DicomTag(Read16(at, big), Read16(at[2..], big));
        long valueOffset;
        uint length;
        if (syntax.IsExplicitVR && DicomVRs.FromCode(at[4], at[5]) is DicomVR vr)
        {
            bool longForm = DicomVRs.HasLongLength(vr);
            length = longForm ? Read32(at[8..], big) : Read16(at[6..], big);
            valueOffset = elementOffset + (longForm ? 12 : 8);
        }
        else
        {
            length = Read32(at[4..], big);
            valueOffset = elementOffset + 8;
        }

        long valueLength = length == uint.MaxValue ? -1 : length;
        return new DicomPixelDataExtent(tag, elementOffset, valueOffset, valueLength, syntax.IsNative && !big, fileLength, lastWriteTimeUtc);
    }

    private static ushort Read16(ReadOnlySpan<byte> s, bool big) => big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private static uint Read32(ReadOnlySpan<byte> s, bool big) => big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
