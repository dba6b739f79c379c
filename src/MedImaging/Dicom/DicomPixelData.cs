using System.Buffers.Binary;
using System.Numerics;
using MedImaging.Dicom.Codecs;

namespace MedImaging.Dicom;

/// <summary>
/// The pixel data of a file as frames of canonical stored values: only the BitsStored bits ending at HighBit are
/// kept, sign-extended when PixelRepresentation is 1; samples interleaved; no rescale, LUT or colour conversion.
/// Native, big-endian and encapsulated (codec) data are all handled here; each frame is decoded when asked for.
/// Packed 12-bit ACR-NEMA data (BitsAllocated 12, native, one sample) is unpacked to 16-bit canonical values.
/// </summary>
public sealed partial class DicomPixelData
{
    private readonly DicomElement _element;
    private readonly DicomCodecRegistry _codecs;

    private DicomPixelData(DicomFile file, DicomElement element, DicomFrameInfo info, int frames, int planar, int highBit, bool isFloat, DicomCodecRegistry codecs)
    {
        File = file;
        _element = element;
        Info = info;
        NumberOfFrames = frames;
        PlanarConfiguration = planar;
        HighBit = highBit;
        IsFloat = isFloat;
        _codecs = codecs;
    }

    /// <summary>The file the pixels belong to.</summary>
    public DicomFile File { get; }

    /// <summary>Rows, columns, samples, bits and photometric interpretation.</summary>
    public DicomFrameInfo Info { get; }

    /// <summary>Rows (image height).</summary>
    public int Rows => Info.Rows;

    /// <summary>Columns (image width).</summary>
    public int Columns => Info.Columns;

    /// <summary>Number of frames (1 when Number of Frames is absent).</summary>
    public int NumberOfFrames { get; }

    /// <summary>Samples per pixel.</summary>
    public int SamplesPerPixel => Info.SamplesPerPixel;

    /// <summary>Bits allocated per sample.</summary>
    public int BitsAllocated => Info.BitsAllocated;

    /// <summary>Bits stored per sample.</summary>
    public int BitsStored => Info.BitsStored;

    /// <summary>High bit (the most significant stored bit).</summary>
    public int HighBit { get; }

    /// <summary>True when PixelRepresentation is 1 (two's complement).</summary>
    public bool IsSigned => Info.IsSigned;

    /// <summary>True for Float/Double Float Pixel Data (7FE0,0008/0009).</summary>
    public bool IsFloat { get; }

    /// <summary>Planar configuration of native colour data (0 interleaved, 1 planar); output is always interleaved.</summary>
    public int PlanarConfiguration { get; }

    /// <summary>Photometric interpretation (MONOCHROME1/2, RGB, YBR_FULL, PALETTE COLOR, ...).</summary>
    public string PhotometricInterpretation => Info.PhotometricInterpretation;

    /// <summary>Bytes per canonical value: 1 for 1- and 8-bit, 2 for 12- and 16-bit, 4 for 32-bit, 8 for 64-bit data.</summary>
    public int BytesPerValue => Info.BytesPerSample;

    /// <summary>Reads the Image Pixel module of a fully read file.</summary>
    /// <param name="file">A file read without <see cref="DicomReadOptions.StopBeforePixelData"/>.</param>
    /// <param name="codecs">The codecs to use; <see cref="DicomCodecRegistry.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    /// <exception cref="DicomFormatException">No pixel data, or the Image Pixel attributes are missing or inconsistent.</exception>
    public static DicomPixelData Create(DicomFile file, DicomCodecRegistry? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomDataset ds = file.Dataset;
        DicomElement element = ds.GetElement(DicomTag.PixelData) ?? ds.GetElement(DicomTag.FloatPixelData) ?? ds.GetElement(DicomTag.DoubleFloatPixelData)
            ?? throw new DicomFormatException(file.Source, file.PixelDataOffset, DicomTag.PixelData,
                file.PixelDataOffset >= 0 ? "the file was read header-only (StopBeforePixelData)" : "the file has no pixel data");
        bool isFloat = element.Tag != DicomTag.PixelData;
        int rows = Positive(ds, DicomTag.Rows);
        int columns = Positive(ds, DicomTag.Columns);
        int samples = ds.GetInt32OrDefault(DicomTag.SamplesPerPixel, 1);
        int bitsAllocated = element.Tag == DicomTag.DoubleFloatPixelData ? 64 : isFloat ? 32 : ds.GetInt32(DicomTag.BitsAllocated);
        int bitsStored = isFloat ? bitsAllocated : ds.GetInt32OrDefault(DicomTag.BitsStored, bitsAllocated);
        int highBit = isFloat ? bitsAllocated - 1 : ds.GetInt32OrDefault(DicomTag.HighBit, bitsStored - 1);
        int frames = ds.Contains(DicomTag.NumberOfFrames) && ds.GetStringOrDefault(DicomTag.NumberOfFrames)?.Length > 0
            ? Positive(ds, DicomTag.NumberOfFrames)
            : 1;
        bool packed12 = bitsAllocated == 12 && samples == 1 && element.Fragments is null;
        if (samples is < 1 or > 4 || !(packed12 || bitsAllocated is 1 or 8 or 16 or 32 or 64) || bitsStored < 1 || bitsStored > bitsAllocated
            || highBit < bitsStored - 1 || highBit >= bitsAllocated)
        {
            throw new DicomFormatException(file.Source, element.Offset, DicomTag.BitsAllocated,
                $"unsupported sample layout: SamplesPerPixel {samples}, BitsAllocated {bitsAllocated}, BitsStored {bitsStored}, HighBit {highBit}");
        }

        string photometric = ds.GetStringOrDefault(DicomTag.PhotometricInterpretation, samples == 1 ? "MONOCHROME2" : "RGB")!;
        bool signed = !isFloat && ds.GetInt32OrDefault(DicomTag.PixelRepresentation, 0) == 1;
        var info = new DicomFrameInfo(rows, columns, samples, bitsAllocated, bitsStored, signed, photometric);
        int planar = samples > 1 ? ds.GetInt32OrDefault(DicomTag.PlanarConfiguration, 0) : 0;
        return new DicomPixelData(file, element, info, frames, planar, highBit, isFloat, codecs ?? DicomCodecRegistry.Default);
    }

    /// <summary>Decodes frame <paramref name="index"/> to canonical values, little endian, <see cref="BytesPerValue"/> bytes each.</summary>
    /// <exception cref="DicomFormatException">The pixel data is shorter than the frames it should hold.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="NumberOfFrames"/>.</exception>
    /// <exception cref="DicomCodecException">The transfer syntax has no decoder, or the codestream is corrupt.</exception>
    public byte[] GetFrame(int index)
    {
        RequireFrame(index);
        byte[] native = _element.Fragments is { } fragments ? DecodeEncapsulated(fragments, index) : ExtractNative(index);
        return Canonicalize(native);
    }

    /// <summary>Decodes frame <paramref name="index"/> and converts each canonical value to <typeparamref name="T"/> (truncating).</summary>
    /// <param name="index">Frame index.</param>
    /// <param name="destination">At least rows × columns × samples values.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="destination"/> holds fewer than rows × columns ×
    /// samples values, or <paramref name="index"/> is not a frame of the pixel data.</exception>
    /// <exception cref="DicomFormatException">The pixel data is shorter than the frames it should hold, or a frame holds
    /// more than <see cref="int.MaxValue"/> values.</exception>
    /// <exception cref="DicomCodecException">The transfer syntax has no decoder, or the codestream is corrupt.</exception>
    public void CopyFrameTo<T>(int index, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        RequireFrame(index);
        if (Info.ValueCount > int.MaxValue)
        {
            throw new DicomFormatException(File.Source, _element.Offset, _element.Tag,
                $"a frame of {Info.Rows} rows × {Info.Columns} columns × {Info.SamplesPerPixel} samples holds {Info.ValueCount} values, more than one span can take");
        }

        int count = (int)Info.ValueCount;
        if (destination.Length < count)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), $"holds {destination.Length} values; a frame has {count}");
        }

        if (TryCopyNativeDirect(index, destination, count))
        {
            return;
        }

        byte[] frame = GetFrame(index);
        if (BitConverter.IsLittleEndian && SameRepresentation<T>())
        {
            // The canonical bytes already are T's little-endian representation: one block copy.
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(frame.AsSpan(0, count * BytesPerValue)).CopyTo(destination);
            return;
        }

        for (int i = 0; i < count; i++)
        {
            destination[i] = ReadValue<T>(frame, i);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <c>index</c> unless it is a frame of the pixel data.</summary>
    private void RequireFrame(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, NumberOfFrames);
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of every frame's canonical values in order: the fingerprint
    /// <c>../shared/corpus/MANIFEST.md</c> defines (its <c>sha256_16</c> is the first 16 digits).
    /// </summary>
    /// <exception cref="DicomFormatException">The pixel data is shorter than the frames it should hold.</exception>
    /// <exception cref="DicomCodecException">The transfer syntax has no decoder, or a codestream is corrupt.</exception>
    public string ComputeCanonicalSha256()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        for (int f = 0; f < NumberOfFrames; f++)
        {
            hash.AppendData(GetFrame(f));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private bool SameRepresentation<T>()
        where T : unmanaged, INumber<T>
    {
        Type t = typeof(T);
        return IsFloat
            ? (t == typeof(float) && BytesPerValue == 4) || (t == typeof(double) && BytesPerValue == 8)
            : (BytesPerValue, IsSigned) switch
            {
                (1, false) => t == typeof(byte),
                (1, true) => t == typeof(sbyte),
                (2, false) => t == typeof(ushort),
                (2, true) => t == typeof(short),
                (4, false) => t == typeof(uint),
                (4, true) => t == typeof(int),
                _ => false,
            };
    }

    private T ReadValue<T>(byte[] frame, int i)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<byte> s = frame;
        return (BytesPerValue, IsFloat, IsSigned) switch
        {
            (1, _, false) => T.CreateTruncating(s[i]),
            (1, _, true) => T.CreateTruncating((sbyte)s[i]),
            (2, _, false) => T.CreateTruncating(BinaryPrimitives.ReadUInt16LittleEndian(s[(2 * i)..])),
            (2, _, true) => T.CreateTruncating(BinaryPrimitives.ReadInt16LittleEndian(s[(2 * i)..])),
            (4, true, _) => T.CreateSaturating(BinaryPrimitives.ReadSingleLittleEndian(s[(4 * i)..])),
            (4, _, false) => T.CreateTruncating(BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * i)..])),
            (4, _, true) => T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(s[(4 * i)..])),
            _ => T.CreateSaturating(BinaryPrimitives.ReadDoubleLittleEndian(s[(8 * i)..])),
        };
    }

    private static int Positive(DicomDataset ds, DicomTag tag)
    {
        int value = ds.GetInt32(tag);
        return value > 0 ? value : throw ds.Error(tag, $"must be positive, is {value}");
    }
}
