namespace MedImaging.IO;

/// <summary>
/// Reads and writes image files, choosing the format by extension: NIfTI-1/2 (<c>.nii</c>, <c>.nii.gz</c>,
/// <c>.hdr</c>/<c>.img</c>), MetaImage (<c>.mha</c>, <c>.mhd</c>) and NRRD (<c>.nrrd</c>, <c>.nhdr</c>). Geometry is
/// LPS millimetres on both sides; NIfTI's RAS is converted inside. SimpleITK's <c>ReadImage</c>/<c>WriteImage</c>.
/// </summary>
public static class ImageFile
{
    /// <summary>Reads a 3-D image. SimpleITK: <c>ReadImage(path)</c>.</summary>
    /// <param name="path">An image file with one of the supported extensions.</param>
    /// <returns>The volume in the file's voxel type (float32 when NIfTI scl_slope/scl_inter are not identity).</returns>
    /// <exception cref="ImageFormatException">The file is missing, unreadable, not of its extension's format, truncated,
    /// claims more voxels than it holds, or is 4-D (use <see cref="ReadSeries"/>); the message names the field.</exception>
    public static Volume Read(string path)
    {
        ImageHeader header = ReadHeader(path);
        if (header.NumberOfVolumes != 1)
        {
            throw new ImageFormatException(path, "size", $"the image is 4-D with {header.NumberOfVolumes} volumes; read it with ImageFile.ReadSeries");
        }

        return VoxelDataReader.Read(header)[0];
    }

    /// <summary>Reads a 3-D or 4-D image as a series of 3-D volumes (one volume for a 3-D file).</summary>
    /// <param name="path">An image file with one of the supported extensions.</param>
    /// <exception cref="ImageFormatException">As for <see cref="Read"/>.</exception>
    public static VolumeSeries ReadSeries(string path)
    {
        ImageHeader header = ReadHeader(path);
        return new VolumeSeries(VoxelDataReader.Read(header), repetitionTime: header.RepetitionTime);
    }

    /// <summary>
    /// Reads only the header: format, voxel type, geometry and number of volumes, without the voxels (a .nii.gz
    /// inflates only its first 540 bytes). ImageSharp's <c>Identify</c>; SimpleITK's <c>ImageFileReader.ReadImageInformation</c>.
    /// </summary>
    /// <exception cref="ImageFormatException">As for <see cref="Read"/>, except that truncated voxel data is not detected.</exception>
    public static ImageInfo Identify(string path) => ReadHeader(path).ToInfo();

    /// <summary>The geometry (size, spacing mm, LPS origin and direction) from the header alone.</summary>
    /// <exception cref="ImageFormatException">As for <see cref="Identify"/>.</exception>
    public static VolumeGeometry ReadGeometry(string path) => Identify(path).Geometry;

    /// <summary>Writes a 3-D volume. SimpleITK: <c>WriteImage(image, path, useCompression)</c>.</summary>
    /// <param name="volume">The volume.</param>
    /// <param name="path">Target file; its extension picks the format. Existing files are replaced.</param>
    /// <param name="useCompression">For .mha/.mhd: zlib (CompressedData); for .nrrd/.nhdr: gzip encoding. NIfTI is
    /// compressed exactly when the name ends in .nii.gz.</param>
    /// <param name="execution">Threads deflating .nii.gz and gzip-encoded .nrrd (blocks in parallel; the file does not depend on the count); null for all cores.</param>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The extension is not a supported format.</exception>
    public static void Write(Volume volume, string path, bool useCompression = false, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        WriteVolumes([volume], 0, path, useCompression, execution);
    }

    /// <summary>Writes a series as one 4-D image (a series of one volume is written 3-D).</summary>
    /// <param name="series">The volumes; NIfTI stores <see cref="VolumeSeries.RepetitionTime"/> in pixdim[4] (s).</param>
    /// <param name="path">Target file; its extension picks the format.</param>
    /// <param name="useCompression">As for <see cref="Write(Volume, string, bool, ExecutionOptions?)"/>.</param>
    /// <param name="execution">As for <see cref="Write(Volume, string, bool, ExecutionOptions?)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The extension is not a supported format.</exception>
    public static void Write(VolumeSeries series, string path, bool useCompression = false, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        WriteVolumes(series.Volumes, series.RepetitionTime, path, useCompression, execution);
    }

    /// <summary>
    /// Writes a volume computed slab by slab: each slab is written as soon as it is filled, so the whole volume is
    /// never held in memory. The file is byte-identical to <see cref="Write(Volume, string, bool, ExecutionOptions?)"/> of the same voxels.
    /// </summary>
    /// <param name="source">The volume's grid, voxel type and slabs.</param>
    /// <param name="path">Target file; its extension picks the format.</param>
    /// <param name="useCompression">As for <see cref="Write(Volume, string, bool, ExecutionOptions?)"/>.</param>
    /// <param name="execution">As for <see cref="Write(Volume, string, bool, ExecutionOptions?)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The extension is not a supported format.</exception>
    public static void Write(VolumeSlabSource source, string path, bool useCompression = false, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        WritePayload(VoxelPayload.Of(source), 0, path, useCompression, execution);
    }

    internal static ImageHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ImageFileFormat format = ImageFileFormats.FromPath(path)
            ?? throw new ImageFormatException(path, "extension", $"'{Path.GetExtension(path)}' is not a supported image format ({ImageFileFormats.SupportedExtensions})");
        return format switch
        {
            ImageFileFormat.Nifti or ImageFileFormat.NiftiGz or ImageFileFormat.NiftiPair => NiftiFormat.ReadHeader(path, format),
            ImageFileFormat.MetaImage or ImageFileFormat.MetaImageHeader => MetaImageFormat.ReadHeader(path, format),
            _ => NrrdFormat.ReadHeader(path, format),
        };
    }

    private static void WriteVolumes(IReadOnlyList<Volume> volumes, double repetitionTime, string path, bool useCompression, ExecutionOptions? execution) =>
        WritePayload(VoxelPayload.Of(volumes), repetitionTime, path, useCompression, execution);

    private static void WritePayload(VoxelPayload volumes, double repetitionTime, string path, bool useCompression, ExecutionOptions? execution)
    {
        ArgumentNullException.ThrowIfNull(path);
        ImageFileFormat format = ImageFileFormats.FromPath(path)
            ?? throw new ArgumentException($"'{path}': the extension is not a supported image format ({ImageFileFormats.SupportedExtensions})", nameof(path));
        switch (format)
        {
            case ImageFileFormat.Nifti or ImageFileFormat.NiftiGz or ImageFileFormat.NiftiPair:
                NiftiFormat.Write(path, format, volumes, repetitionTime, execution: execution);
                break;
            case ImageFileFormat.MetaImage or ImageFileFormat.MetaImageHeader:
                MetaImageFormat.Write(path, format, volumes, useCompression);
                break;
            default:
                NrrdFormat.Write(path, format, volumes, useCompression, execution);
                break;
        }
    }
}
