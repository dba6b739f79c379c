using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using MedImaging.Dicom.Codecs;

namespace MedImaging.Dicom;

/// <content>Frame extraction: native slices, fragments to frames, and canonical values.</content>
public sealed partial class DicomPixelData
{
    private byte[] ExtractNative(int index)
    {
        ReadOnlySpan<byte> all = _element.RawValue.Span;
        long frameBytes = Info.NativeFrameBytes;
        if (BitsAllocated == 1)
        {
            return ExtractBits(all, index);
        }

        if (BitsAllocated == 12)
        {
            return ExtractPacked12(all, index);
        }

        if (PhotometricInterpretation == "YBR_FULL_422" && SamplesPerPixel == 3 && BytesPerValue == 1 && all.Length == frameBytes * 2 / 3 * NumberOfFrames)
        {
            return ExpandYbr422(all.Slice((int)(frameBytes * 2 / 3 * index), (int)(frameBytes * 2 / 3)));
        }

        long start = frameBytes * index;
        if (start + frameBytes > all.Length)
        {
            throw new DicomFormatException(File.Source, _element.Offset, _element.Tag,
                $"pixel data holds {all.Length} bytes but frame {index} needs bytes {start}..{start + frameBytes} ({NumberOfFrames} frame(s) of {Rows}x{Columns}x{SamplesPerPixel}, {BitsAllocated} bits)");
        }

        byte[] frame = GC.AllocateUninitializedArray<byte>((int)frameBytes);
        all.Slice((int)start, (int)frameBytes).CopyTo(frame);
        if (_element.IsBigEndian && BytesPerValue > 1)
        {
            SwapBytes(frame, BytesPerValue);
        }

        return PlanarConfiguration == 1 ? Interleave(frame) : frame;
    }

    private byte[] ExtractBits(ReadOnlySpan<byte> all, int index)
    {
        // 1-bit frames are packed back to back without byte alignment (PS3.5 8.1.1); return them byte-aligned.
        long bits = Info.ValueCount;
        long firstBit = bits * index;
        if ((firstBit + bits + 7) / 8 > all.Length)
        {
            throw new DicomFormatException(File.Source, _element.Offset, _element.Tag, $"pixel data holds {all.Length} bytes, too few for 1-bit frame {index}");
        }

        byte[] frame = new byte[Info.NativeFrameBytes];
        for (long b = 0; b < bits; b++)
        {
            long source = firstBit + b;
            if (((all[(int)(source >> 3)] >> (int)(source & 7)) & 1) != 0)
            {
                frame[b >> 3] |= (byte)(1 << (int)(b & 7));
            }
        }

        return frame;
    }

    /// <summary>
    /// Packed 12-bit data (ACR-NEMA, BitsAllocated 12): the pixel data is a stream of 16-bit words whose bits are
    /// consumed from the least significant end, 12 per value, frames back to back — as DCMTK reads it, and what
    /// GDCM's 12-bit unpacker does per byte triplet b0 b1 b2: v0 = b0 | (b1 &amp; 0x0F) &lt;&lt; 8, v1 = b1 &gt;&gt; 4 | b2 &lt;&lt; 4.
    /// Returned as little-endian 16-bit words (then masked to BitsStored like any other data).
    /// </summary>
    private byte[] ExtractPacked12(ReadOnlySpan<byte> all, int index)
    {
        long values = Info.ValueCount;
        long firstBit = values * 12 * index;
        long endByte = (firstBit + (values * 12) + 7) / 8;
        if (endByte > all.Length)
        {
            throw new DicomFormatException(File.Source, _element.Offset, _element.Tag,
                $"pixel data holds {all.Length} bytes but packed 12-bit frame {index} needs {endByte}");
        }

        // Word-swap big-endian data into little-endian byte order first, so the bit stream reads the same either way.
        long startByte = (firstBit / 16) * 2;
        byte[] source = all.Slice((int)startByte, (int)Math.Min(all.Length - startByte, ((endByte - startByte + 1) / 2 * 2) + 2)).ToArray();
        if (_element.IsBigEndian)
        {
            SwapBytes(source, 2);
        }

        byte[] frame = new byte[values * 2];
        for (long i = 0; i < values; i++)
        {
            long bit = firstBit - (startByte * 8) + (12 * i);
            int at = (int)(bit >> 3);
            int word = source[at] | (at + 1 < source.Length ? source[at + 1] << 8 : 0) | (at + 2 < source.Length ? source[at + 2] << 16 : 0);
            BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan((int)(2 * i)), (ushort)((word >> (int)(bit & 7)) & 0xFFF));
        }

        return frame;
    }

    /// <summary>Native YBR_FULL_422 stores Y1 Y2 Cb Cr per pixel pair (PS3.3 C.7.6.3.1.2); repeat the chroma for both.</summary>
    private byte[] ExpandYbr422(ReadOnlySpan<byte> packed)
    {
        byte[] frame = new byte[Info.NativeFrameBytes];
        int pixels = Rows * Columns;
        for (int p = 0, q = 0; p < pixels && q + 3 < packed.Length; p += 2, q += 4)
        {
            frame[3 * p] = packed[q];
            frame[(3 * p) + 1] = packed[q + 2];
            frame[(3 * p) + 2] = packed[q + 3];
            if (p + 1 < pixels)
            {
                frame[(3 * p) + 3] = packed[q + 1];
                frame[(3 * p) + 4] = packed[q + 2];
                frame[(3 * p) + 5] = packed[q + 3];
            }
        }

        return frame;
    }

    private static void SwapBytes(byte[] data, int width)
    {
        for (int i = 0; i + width <= data.Length; i += width)
        {
            data.AsSpan(i, width).Reverse();
        }
    }

    private byte[] Interleave(byte[] planar)
    {
        int pixels = Rows * Columns;
        int width = BytesPerValue;
        byte[] interleaved = new byte[planar.Length];
        for (int s = 0; s < SamplesPerPixel; s++)
        {
            for (int p = 0; p < pixels; p++)
            {
                planar.AsSpan(((s * pixels) + p) * width, width).CopyTo(interleaved.AsSpan(((p * SamplesPerPixel) + s) * width));
            }
        }

        return interleaved;
    }

    private byte[] DecodeEncapsulated(DicomFragments fragments, int index)
    {
        string uid = File.TransferSyntax.Uid;
        try
        {
            IDicomCodec codec = _codecs.Get(uid);
            byte[] encoded = DicomFrameLocator.FrameCodestream(File, fragments, NumberOfFrames, index);
            if (Info.NativeFrameBytes > Array.MaxLength)
            {
                throw new DicomFormatException(File.Source, _element.Offset, DicomTag.Rows, string.Create(CultureInfo.InvariantCulture,
                    $"a {Columns}x{Rows}x{SamplesPerPixel} frame of {BitsAllocated}-bit samples is {Info.NativeFrameBytes} bytes, more than one buffer can hold"));
            }

            FrameSizeCheck.Check(uid, encoded, Info);
            byte[] native = new byte[Info.NativeFrameBytes];
            codec.Decode(encoded, Info, native);
            return native;
        }
        catch (DicomCodecException ex)
        {
            // Codecs see only a codestream; name the file, the element and the frame here, keeping the type, and the
            // file's own transfer syntax (a codec serving several syntaxes may name its first one).
            string prefix = DicomTransferSyntax.Describe(ex.TransferSyntaxUid) + ": ";
            string problem = ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
            throw new DicomCodecException(uid, string.Create(CultureInfo.InvariantCulture,
                $"'{File.Source}' (7FE0,0010) PixelData at offset 0x{_element.Offset:X}, frame {index}: {problem}"), ex);
        }
    }

    private byte[] Canonicalize(byte[] native)
    {
        if (IsFloat)
        {
            return native;
        }

        if (BitsAllocated == 1)
        {
            byte[] unpacked = new byte[Info.ValueCount];
            for (long i = 0; i < unpacked.Length; i++)
            {
                unpacked[i] = (byte)((native[i >> 3] >> (int)(i & 7)) & 1);
            }

            return unpacked;
        }

        PixelCanonicalizer.Canonicalize(native, BytesPerValue, BitsStored, HighBit, IsSigned);
        return native;
    }

    /// <summary>
    /// The common case without an intermediate frame: native little-endian interleaved data whose canonical form is
    /// <typeparamref name="T"/>'s representation is copied straight into the caller's buffer and masked there.
    /// </summary>
    private bool TryCopyNativeDirect<T>(int index, Span<T> destination, int count)
        where T : unmanaged, INumber<T>
    {
        if (!BitConverter.IsLittleEndian || !SameRepresentation<T>() || _element.Fragments is not null || _element.IsBigEndian
            || PlanarConfiguration != 0 || BitsAllocated is 1 or 12 || PhotometricInterpretation == "YBR_FULL_422")
        {
            return false;
        }

        ReadOnlySpan<byte> all = _element.RawValue.Span;
        long frameBytes = Info.NativeFrameBytes;
        long start = frameBytes * index;
        if (start + frameBytes > all.Length)
        {
            return false;
        }

        Span<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(destination[..count]);
        all.Slice((int)start, (int)frameBytes).CopyTo(bytes);
        if (!IsFloat)
        {
            PixelCanonicalizer.Canonicalize(bytes, BytesPerValue, BitsStored, HighBit, IsSigned);
        }

        return true;
    }
}
