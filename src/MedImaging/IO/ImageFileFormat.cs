namespace MedImaging.IO;

/// <summary>The file formats <see cref="ImageFile"/> reads and writes, chosen by the file name's extension.</summary>
public enum ImageFileFormat
{
    /// <summary>NIfTI-1/2 single file, <c>.nii</c>.</summary>
    Nifti,

    /// <summary>NIfTI-1/2 single file compressed with gzip, <c>.nii.gz</c>.</summary>
    NiftiGz,

    /// <summary>NIfTI-1/2 header/image pair, <c>.hdr</c> + <c>.img</c>.</summary>
    NiftiPair,

    /// <summary>MetaImage with the voxels inline, <c>.mha</c> (ITK's MetaIO).</summary>
    MetaImage,

    /// <summary>MetaImage header with a separate data file, <c>.mhd</c> + <c>.raw</c> (or <c>.zraw</c> when compressed).</summary>
    MetaImageHeader,

    /// <summary>NRRD with the voxels attached, <c>.nrrd</c> (teem's format, as Slicer writes it).</summary>
    Nrrd,

    /// <summary>NRRD header with a detached data file, <c>.nhdr</c> + <c>.raw</c> (or <c>.raw.gz</c>).</summary>
    NrrdDetached,
}

/// <summary>Maps file names to <see cref="ImageFileFormat"/>.</summary>
public static class ImageFileFormats
{
    /// <summary>
    /// The format a file name's extension names (case-insensitive): <c>.nii</c>, <c>.nii.gz</c>, <c>.hdr</c>/<c>.img</c>,
    /// <c>.mha</c>, <c>.mhd</c>, <c>.nrrd</c>, <c>.nhdr</c>; null for anything else.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static ImageFileFormat? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        if (name.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase))
        {
            return ImageFileFormat.NiftiGz;
        }

        return Path.GetExtension(name).ToUpperInvariant() switch
        {
            ".NII" => ImageFileFormat.Nifti,
            ".HDR" or ".IMG" => ImageFileFormat.NiftiPair,
            ".MHA" => ImageFileFormat.MetaImage,
            ".MHD" => ImageFileFormat.MetaImageHeader,
            ".NRRD" => ImageFileFormat.Nrrd,
            ".NHDR" => ImageFileFormat.NrrdDetached,
            _ => null,
        };
    }

    /// <summary>The extensions <see cref="FromPath"/> recognises, for messages.</summary>
    public const string SupportedExtensions = ".nii, .nii.gz, .hdr/.img, .mha, .mhd, .nrrd, .nhdr";
}
