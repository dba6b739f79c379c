using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MedImaging.Dicom.Series;

/// <summary>
/// Writes a <see cref="Volume"/> as a CT or MR image series: one single-frame Explicit VR Little Endian Part 10 file
/// per slice (index k along the volume's third axis), with ImagePositionPatient = Origin + k·Spacing.Z·direction
/// column 2, ImageOrientationPatient = direction columns 0 (along a row) and 1 (down a column), PixelSpacing =
/// Spacing.Y \ Spacing.X (row spacing first), SliceThickness = SpacingBetweenSlices = Spacing.Z, all in LPS mm. Pixel
/// storage and rescale follow <see cref="SeriesPixelEncoder"/>: int16 HU in [−1024, 3071] as 12-bit unsigned with
/// RescaleIntercept −1024, other integers exactly in 16 bits, floating-point volumes as int16 with a computed
/// slope/intercept.
/// </summary>
public static class DicomSeriesWriter
{
    /// <summary>CT Image Storage SOP Class UID.</summary>
    public const string CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>MR Image Storage SOP Class UID.</summary>
    public const string MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    private const int MaxUidRootLength = 50;

    /// <summary>Writes <paramref name="volume"/> into <paramref name="folder"/> (created when missing) as files named
    /// <c>IM00001.dcm</c>, <c>IM00002.dcm</c>, … (existing files of those names are overwritten).</summary>
    /// <param name="volume">Any scalar volume; at most 65535 columns (X) and rows (Y).</param>
    /// <param name="folder">The output folder.</param>
    /// <param name="options">Modality, numbering, patient and UID options; null = defaults.</param>
    /// <returns>The files and the UIDs and rescale that were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="folder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty or white space, an option is malformed
    /// (over-long or control-character text, a bad UID root, a negative series number), the slice is larger than 65535
    /// pixels on a side, or the volume holds NaN or infinite values.</exception>
    public static DicomSeriesWriteResult Write(Volume volume, string folder, DicomSeriesWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new DicomSeriesWriteOptions();
        Validate(volume, options);

        string study = Uid(options.UidRoot, "1");
        string series = Uid(options.UidRoot, "2");
        string frame = Uid(options.UidRoot, "3");
        SeriesPixelEncoder.Encoded encoded = SeriesPixelEncoder.Encode(volume);
        VolumeGeometry g = volume.Geometry;
        Directory.CreateDirectory(folder);
        int sliceWords = g.Size.X * g.Size.Y;
        var files = new List<string>(g.Size.Z);
        for (int k = 0; k < g.Size.Z; k++)
        {
            DicomDataset ds = Header(g, options, encoded, study, series, frame);
            Text(ds, DicomTag.SOPInstanceUid, DicomVR.UI, Uid(options.UidRoot, "4." + (k + 1).ToString(CultureInfo.InvariantCulture)));
            Text(ds, DicomTag.InstanceNumber, DicomVR.IS, (k + 1).ToString(CultureInfo.InvariantCulture));
            Vec3 position = g.Origin + k * g.Spacing.Z * g.Direction.Column(2);
            Text(ds, DicomTag.ImagePositionPatient, DicomVR.DS, Ds(position.X, position.Y, position.Z));
            Vec3 normal = Vec3.Cross(g.Direction.Column(0), g.Direction.Column(1));
            Text(ds, DicomTag.SliceLocation, DicomVR.DS, Ds(Vec3.Dot(position, normal)));
            byte[] pixels = new byte[sliceWords * 2];
            ReadOnlySpan<ushort> words = encoded.Words.AsSpan(k * sliceWords, sliceWords);
            for (int i = 0; i < words.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(2 * i), words[i]);
            }

            ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
            string path = Path.Combine(folder, "IM" + (k + 1).ToString("D5", CultureInfo.InvariantCulture) + ".dcm");
            DicomWriter.Write(path, ds);
            files.Add(path);
        }

        return new DicomSeriesWriteResult(files, study, series, encoded.Slope, encoded.Intercept, encoded.BitsStored, encoded.IsSigned, encoded.MaxAbsoluteError);
    }

    private static DicomDataset Header(VolumeGeometry g, DicomSeriesWriteOptions options, SeriesPixelEncoder.Encoded encoded, string study, string series, string frame)
    {
        bool ct = options.Modality == DicomSeriesModality.CT;
        var ds = new DicomDataset();
        Text(ds, DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        Text(ds, DicomTag.ImageType, DicomVR.CS, @"DERIVED\SECONDARY\AXIAL");
        Text(ds, DicomTag.SOPClassUid, DicomVR.UI, ct ? CTImageStorage : MRImageStorage);
        Text(ds, DicomTag.StudyDate, DicomVR.DA, string.Empty);
        Text(ds, DicomTag.StudyTime, DicomVR.TM, string.Empty);
        Text(ds, DicomTag.AccessionNumber, DicomVR.SH, string.Empty);
        Text(ds, DicomTag.Modality, DicomVR.CS, ct ? "CT" : "MR");
        Text(ds, DicomTag.Manufacturer, DicomVR.LO, "MedImaging");
        Text(ds, DicomTag.ReferringPhysicianName, DicomVR.PN, string.Empty);
        Text(ds, DicomTag.SeriesDescription, DicomVR.LO, options.SeriesDescription);
        Text(ds, DicomTag.PatientName, DicomVR.PN, options.PatientName);
        Text(ds, DicomTag.PatientID, DicomVR.LO, options.PatientId);
        Text(ds, DicomTag.PatientBirthDate, DicomVR.DA, string.Empty);
        Text(ds, DicomTag.PatientSex, DicomVR.CS, string.Empty);
        if (ct)
        {
            Text(ds, DicomTag.KVP, DicomVR.DS, string.Empty);
        }
        else
        {
            Text(ds, DicomTag.ScanningSequence, DicomVR.CS, "RM");
            Text(ds, DicomTag.SequenceVariant, DicomVR.CS, "NONE");
            Text(ds, DicomTag.ScanOptions, DicomVR.CS, string.Empty);
            Text(ds, DicomTag.MRAcquisitionType, DicomVR.CS, "3D");
            Text(ds, DicomTag.RepetitionTime, DicomVR.DS, string.Empty);
            Text(ds, DicomTag.EchoTime, DicomVR.DS, string.Empty);
            Text(ds, DicomTag.EchoTrainLength, DicomVR.IS, string.Empty);
        }

        Text(ds, DicomTag.SliceThickness, DicomVR.DS, Ds(g.Spacing.Z));
        Text(ds, DicomTag.SpacingBetweenSlices, DicomVR.DS, Ds(g.Spacing.Z));
        Text(ds, DicomTag.StudyInstanceUid, DicomVR.UI, study);
        Text(ds, DicomTag.SeriesInstanceUid, DicomVR.UI, series);
        Text(ds, DicomTag.StudyID, DicomVR.SH, string.Empty);
        Text(ds, DicomTag.SeriesNumber, DicomVR.IS, options.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        Vec3 row = g.Direction.Column(0);
        Vec3 column = g.Direction.Column(1);
        Text(ds, DicomTag.ImageOrientationPatient, DicomVR.DS, Ds(row.X, row.Y, row.Z, column.X, column.Y, column.Z));
        Text(ds, DicomTag.FrameOfReferenceUid, DicomVR.UI, frame);
        Text(ds, DicomTag.PositionReferenceIndicator, DicomVR.LO, string.Empty);
        UShort(ds, DicomTag.SamplesPerPixel, 1);
        Text(ds, DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        UShort(ds, DicomTag.Rows, g.Size.Y);
        UShort(ds, DicomTag.Columns, g.Size.X);
        Text(ds, DicomTag.PixelSpacing, DicomVR.DS, Ds(g.Spacing.Y, g.Spacing.X));
        UShort(ds, DicomTag.BitsAllocated, 16);
        UShort(ds, DicomTag.BitsStored, encoded.BitsStored);
        UShort(ds, DicomTag.HighBit, encoded.BitsStored - 1);
        UShort(ds, DicomTag.PixelRepresentation, encoded.IsSigned ? 1 : 0);
        Text(ds, DicomTag.RescaleIntercept, DicomVR.DS, Ds(encoded.Intercept));
        Text(ds, DicomTag.RescaleSlope, DicomVR.DS, Ds(encoded.Slope));
        Text(ds, DicomTag.RescaleType, DicomVR.LO, ct ? "HU" : "US");
        return ds;
    }

    private static void Validate(Volume volume, DicomSeriesWriteOptions options)
    {
        Size3 size = volume.Size;
        if (size.X > ushort.MaxValue || size.Y > ushort.MaxValue)
        {
            throw new ArgumentException($"a DICOM image has at most 65535 rows and columns, the volume is {size}", nameof(volume));
        }

        if (!Enum.IsDefined(options.Modality))
        {
            throw new ArgumentException($"unknown modality {options.Modality}", nameof(options));
        }

        if (options.SeriesNumber < 0)
        {
            throw new ArgumentException($"SeriesNumber must be non-negative, not {options.SeriesNumber}", nameof(options));
        }

        CheckText(options.SeriesDescription, nameof(options.SeriesDescription));
        CheckText(options.PatientName, nameof(options.PatientName));
        CheckText(options.PatientId, nameof(options.PatientId));
        if (options.UidRoot is { } root && !IsUidRoot(root))
        {
            throw new ArgumentException($"UidRoot must be dot-separated decimal components without leading zeros, at most {MaxUidRootLength} characters: '{root}'", nameof(options));
        }
    }

    private static void CheckText(string? value, string name)
    {
        if (value is null || value.Length > 64 || value.Any(c => char.IsControl(c) || c == '\\'))
        {
            throw new ArgumentException($"{name} must be at most 64 characters without backslashes or control characters", name);
        }
    }

    private static bool IsUidRoot(string root)
    {
        if (root.Length is 0 or > MaxUidRootLength)
        {
            return false;
        }

        foreach (string component in root.Split('.'))
        {
            if (component.Length == 0 || !component.All(char.IsAsciiDigit) || (component.Length > 1 && component[0] == '0'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>root.suffix when a root is given, else a fresh 2.25 UID from a random UUID (PS3.5 B.2).</summary>
    private static string Uid(string? root, string suffix)
    {
        if (root is not null)
        {
            return root + "." + suffix;
        }

        var value = new BigInteger(Guid.NewGuid().ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }

    private static string Ds(params double[] values) => string.Join('\\', values.Select(DicomDecimalString.Format));

    private static void Text(DicomDataset ds, DicomTag tag, DicomVR vr, string value) =>
        ds.AddOrReplace(new DicomElement(tag, vr, Encoding.UTF8.GetBytes(value)));

    /// <summary>A US element, little endian low byte first.</summary>
    private static void UShort(DicomDataset ds, DicomTag tag, int value) =>
        ds.AddOrReplace(new DicomElement(tag, DicomVR.US, new[] { (byte)value, (byte)(value >> 8) }));
}
