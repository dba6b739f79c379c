using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Reads slices of a series into their places in a volume, values after rescale. One reader serves one block of
/// slices on one thread and keeps the last file open, so a multi-frame file is opened once per block, not per frame.
/// <para>
/// Native little-endian data whose pixel data position the scan found (<see cref="DicomImageHeader.PixelDataExtent"/>)
/// is read straight from the file into the destination without parsing the header again: when the output type has
/// the stored width and the rescale is an integer shift (CT: slope 1, intercept −1024), the bytes land in the volume's
/// slice and are masked and shifted there in place (<see cref="TensorPrimitives"/>); otherwise they go through one
/// pooled buffer. Everything else (encapsulated, big-endian, packed, colour, float) is parsed and decoded as a whole file.
/// </para>
/// </summary>
internal sealed class SeriesSliceReader(string seriesKey) : IDisposable
{
    private string? _path;
    private SafeFileHandle? _handle;
    private DicomPixelData? _parsed;

    /// <summary>Reads the frame of <paramref name="header"/> into <paramref name="destination"/> (rows × columns values).</summary>
    /// <exception cref="DicomFormatException">The file is corrupt, truncated, or changed since the scan.</exception>
    /// <exception cref="SeriesInconsistentException">The file's pixels do not match the series' shape.</exception>
    public void Read<T>(DicomImageHeader header, (double Slope, double Intercept) rescale, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        if (NativeLayout.Of(header) is NativeLayout layout)
        {
            ReadNative(header, layout, rescale, destination);
        }
        else
        {
            ReadParsed(header, rescale, destination);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
        _path = null;
        _parsed = null;
    }

    private void ReadNative<T>(DicomImageHeader header, NativeLayout layout, (double Slope, double Intercept) rescale, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        DicomPixelDataExtent extent = header.PixelDataExtent!;
        int count = header.Rows * header.Columns;
        int frameBytes = count * layout.BytesPerValue;
        long start = (long)header.Frame * frameBytes;
        if (extent.ValueOffset + extent.ValueLength > extent.FileLength)
        {
            throw new DicomFormatException(header.Path, extent.ElementOffset, extent.Tag, Format(
                $"value length {extent.ValueLength} exceeds the {extent.FileLength - extent.ValueOffset:N0} bytes remaining (file truncated or length field corrupt)"));
        }

        if (start + frameBytes > extent.ValueLength)
        {
            throw new DicomFormatException(header.Path, extent.ElementOffset, extent.Tag, Format(
                $"pixel data holds {extent.ValueLength} bytes but frame {header.Frame} needs bytes {start}..{start + frameBytes} ({header.Columns}x{header.Rows}, {layout.BytesPerValue * 8} bits)"));
        }

        SafeFileHandle handle = OpenChecked(header);
        long offset = extent.ValueOffset + start;
        (double slope, double intercept) = rescale;
        if (Unsafe.SizeOf<T>() == layout.BytesPerValue && IsIntegerShift<T>(slope, intercept))
        {
            // One copy: file → the volume's slice; then mask (and sign-extend) and shift in place. The shift wraps in T
            // exactly as the stored value + intercept does, and SeriesPixelType chose T so that every result fits.
            Span<byte> bytes = MemoryMarshal.AsBytes(destination[..count]);
            ReadExactly(handle, header, bytes, offset);
            PixelCanonicalizer.Canonicalize(bytes, layout.BytesPerValue, layout.BitsStored, layout.HighBit, layout.IsSigned);
            if (intercept != 0)
            {
                TensorPrimitives.Add(destination[..count], T.CreateTruncating((int)intercept), destination[..count]);
            }

            return;
        }

        byte[] pooled = ArrayPool<byte>.Shared.Rent(frameBytes);
        try
        {
            Span<byte> stored = pooled.AsSpan(0, frameBytes);
            ReadExactly(handle, header, stored, offset);
            PixelCanonicalizer.Canonicalize(stored, layout.BytesPerValue, layout.BitsStored, layout.HighBit, layout.IsSigned);
            RescaleStored(stored, layout.BytesPerValue, layout.IsSigned, destination[..count], slope, intercept);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    /// <summary>Opens the header's file (or keeps it open) and checks that it is the file the scan read.</summary>
    private SafeFileHandle OpenChecked(DicomImageHeader header)
    {
        if (_handle is not null && _path == header.Path)
        {
            return _handle;
        }

        Dispose();
        SafeFileHandle handle = File.OpenHandle(header.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        DicomPixelDataExtent extent = header.PixelDataExtent!;
        long length = RandomAccess.GetLength(handle);
        DateTime written = File.GetLastWriteTimeUtc(handle);
        if (length != extent.FileLength || written != extent.LastWriteTimeUtc)
        {
            handle.Dispose();
            throw new DicomFormatException(header.Path, -1, null, Format(
                $"the file changed after the series was scanned (now {length} bytes, modified {written:O}; scanned {extent.FileLength} bytes, modified {extent.LastWriteTimeUtc:O}): scan the folder again"));
        }

        (_path, _handle) = (header.Path, handle);
        return handle;
    }

    private static void ReadExactly(SafeFileHandle handle, DicomImageHeader header, Span<byte> into, long offset)
    {
        for (int done = 0; done < into.Length;)
        {
            int read = RandomAccess.Read(handle, into[done..], offset + done);
            if (read <= 0)
            {
                throw new DicomFormatException(header.Path, offset + done, DicomTag.PixelData, Format(
                    $"the file ends {into.Length - done} bytes before the end of frame {header.Frame} (truncated after the scan)"));
            }

            done += read;
        }
    }

    /// <summary>The old route for anything but plain native data: parse the whole file (once per file), decode the frame.</summary>
    private void ReadParsed<T>(DicomImageHeader header, (double Slope, double Intercept) rescale, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        if (_parsed is null || _path != header.Path)
        {
            Dispose();
            _parsed = DicomPixelData.Create(DicomFile.Open(header.Path));
            _path = header.Path;
        }

        DicomPixelData pixels = _parsed;
        if (pixels.Rows != header.Rows || pixels.Columns != header.Columns || pixels.SamplesPerPixel != 1)
        {
            throw new SeriesInconsistentException(seriesKey, $"'{header.Path}' holds {pixels.Columns}x{pixels.Rows}x{pixels.SamplesPerPixel} pixels, the series {header.Columns}x{header.Rows}x1");
        }

        (double slope, double intercept) = rescale;
        int count = header.Rows * header.Columns;
        if (!pixels.IsFloat && pixels.BytesPerValue is 1 or 2 or 4 && BitConverter.IsLittleEndian)
        {
            byte[] frame = pixels.GetFrame(header.Frame);
            RescaleStored(frame.AsSpan(0, count * pixels.BytesPerValue), pixels.BytesPerValue, pixels.IsSigned, destination[..count], slope, intercept);
            return;
        }

        double[] stored = new double[count];
        pixels.CopyFrameTo<double>(header.Frame, stored);
        for (int i = 0; i < stored.Length; i++)
        {
            destination[i] = Rescaled<T>(stored[i], slope, intercept);
        }
    }

    /// <summary>Rescales canonical little-endian integer values of <paramref name="width"/> bytes into <paramref name="destination"/>.</summary>
    private static void RescaleStored<T>(ReadOnlySpan<byte> stored, int width, bool signed, Span<T> destination, double slope, double intercept)
        where T : unmanaged, INumber<T>
    {
        switch (width, signed)
        {
            case (1, false): RescaleInto(stored, destination, slope, intercept); break;
            case (1, true): RescaleInto(MemoryMarshal.Cast<byte, sbyte>(stored), destination, slope, intercept); break;
            case (2, false): RescaleInto(MemoryMarshal.Cast<byte, ushort>(stored), destination, slope, intercept); break;
            case (2, true): RescaleInto(MemoryMarshal.Cast<byte, short>(stored), destination, slope, intercept); break;
            case (4, false): RescaleInto(MemoryMarshal.Cast<byte, uint>(stored), destination, slope, intercept); break;
            default: RescaleInto(MemoryMarshal.Cast<byte, int>(stored), destination, slope, intercept); break;
        }
    }

    /// <summary>
    /// Rescales stored integer values into <paramref name="destination"/>. With slope 1 and an integral intercept the
    /// output type holds every result exactly (<see cref="SeriesPixelType"/> chose it so): integer addition only.
    /// </summary>
    private static void RescaleInto<TIn, T>(ReadOnlySpan<TIn> stored, Span<T> destination, double slope, double intercept)
        where TIn : unmanaged, IBinaryInteger<TIn>
        where T : unmanaged, INumber<T>
    {
        int n = destination.Length;
        if (IsIntegerShift<T>(slope, intercept))
        {
            int offset = (int)intercept;
            for (int i = 0; i < n; i++)
            {
                destination[i] = T.CreateTruncating(int.CreateTruncating(stored[i]) + offset);
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            destination[i] = Rescaled<T>(double.CreateTruncating(stored[i]), slope, intercept);
        }
    }

    /// <summary>True when rescaling into the integer type <typeparamref name="T"/> is adding a whole intercept (slope 1).</summary>
    private static bool IsIntegerShift<T>(double slope, double intercept)
        where T : unmanaged, INumber<T> =>
        slope == 1 && intercept == Math.Floor(intercept) && Math.Abs(intercept) < int.MaxValue / 2
        && typeof(T) != typeof(float) && typeof(T) != typeof(double);

    private static T Rescaled<T>(double stored, double slope, double intercept)
        where T : unmanaged, INumber<T> =>
        StackRegularizer.Convert<T>(stored * slope + intercept);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stored sample layout of plain native little-endian grayscale data, the only kind read without parsing.</summary>
    private readonly record struct NativeLayout(int BytesPerValue, int BitsStored, int HighBit, bool IsSigned)
    {
        public static NativeLayout? Of(DicomImageHeader header)
        {
            if (header.PixelDataExtent is not { } extent || extent.Tag != DicomTag.PixelData || extent.ValueLength < 0 || !extent.IsNativeLittleEndian
                || !BitConverter.IsLittleEndian || header.SamplesPerPixel != 1 || header.BitsAllocated is not (8 or 16 or 32))
            {
                return null;
            }

            DicomDataset ds = header.Dataset;
            int bitsStored = ds.GetInt32OrDefault(DicomTag.BitsStored, header.BitsAllocated);
            int highBit = ds.GetInt32OrDefault(DicomTag.HighBit, bitsStored - 1);
            return bitsStored < 1 || bitsStored > header.BitsAllocated || highBit < bitsStored - 1 || highBit >= header.BitsAllocated
                ? null
                : new NativeLayout(header.BitsAllocated / 8, bitsStored, highBit, header.PixelRepresentation == 1);
        }
    }
}
