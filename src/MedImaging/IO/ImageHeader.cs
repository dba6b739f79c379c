namespace MedImaging.IO;

/// <summary>How the voxel bytes are stored in their file.</summary>
internal enum VoxelCompression
{
    /// <summary>Plain bytes at the data offset.</summary>
    None,

    /// <summary>A gzip stream (RFC 1952) starting at the data offset.</summary>
    Gzip,

    /// <summary>A zlib stream (RFC 1950) starting at the data offset (MetaImage <c>CompressedData = True</c>).</summary>
    Zlib,
}

/// <summary>
/// Everything a format's header parser learns: where the voxels are, how they are stored, and the geometry. The
/// shared <see cref="VoxelDataReader"/> turns it into volumes.
/// </summary>
internal sealed record ImageHeader
{
    /// <summary>The file the header came from (used in error messages).</summary>
    public required string Path { get; init; }

    /// <summary>The format.</summary>
    public required ImageFileFormat Format { get; init; }

    /// <summary>The voxel type as stored in the file.</summary>
    public required PixelType StoredPixelType { get; init; }

    /// <summary>Geometry of each 3-D volume (LPS).</summary>
    public required VolumeGeometry Geometry { get; init; }

    /// <summary>Number of 3-D volumes (fourth dimension).</summary>
    public int NumberOfVolumes { get; init; } = 1;

    /// <summary>Time between volumes in seconds, 0 when unknown.</summary>
    public double RepetitionTime { get; init; }

    /// <summary>True when multi-byte voxels are stored most significant byte first.</summary>
    public bool BigEndian { get; init; }

    /// <summary>The file holding the voxels (the header file itself for .nii/.mha/.nrrd).</summary>
    public required string DataPath { get; init; }

    /// <summary>Byte offset in <see cref="DataPath"/> where the (possibly compressed) data starts.</summary>
    public long DataOffset { get; init; }

    /// <summary>Compression of the data from <see cref="DataOffset"/> on.</summary>
    public VoxelCompression Compression { get; init; }

    /// <summary>Decompressed bytes to skip before the first voxel (a .nii.gz's vox_offset, NRRD's byte skip).</summary>
    public long DecompressedSkip { get; init; }

    /// <summary>When true, the voxels are the last bytes of the file (NRRD <c>byte skip: -1</c>).</summary>
    public bool DataAtEnd { get; init; }

    /// <summary>The header field that names the data offset, for error messages ("vox_offset", "HeaderSize", …).</summary>
    public string OffsetField { get; init; } = "data offset";

    /// <summary>NIfTI scl_slope (1 when the format has none).</summary>
    public double Slope { get; init; } = 1;

    /// <summary>NIfTI scl_inter (0 when the format has none).</summary>
    public double Intercept { get; init; }

    /// <summary>The intercept applied on read: a non-finite scl_inter counts as 0, as in nibabel.</summary>
    public double EffectiveIntercept => double.IsFinite(Intercept) ? Intercept : 0;

    /// <summary>True when voxels are scaled on read: a finite slope other than 0 and 1, or an intercept other than 0 (nibabel's rule).</summary>
    public bool IsScaled => Slope != 0 && double.IsFinite(Slope) && (Slope != 1 || EffectiveIntercept != 0);

    /// <summary>The voxel type a full read returns: the stored type, or float32 (float64 for float64 data) when scaled.</summary>
    public PixelType OutputPixelType => !IsScaled ? StoredPixelType
        : StoredPixelType == PixelType.Float64 ? PixelType.Float64 : PixelType.Float32;

    /// <summary>The public summary.</summary>
    public ImageInfo ToInfo() => new(Path, Format, OutputPixelType, Geometry, NumberOfVolumes, RepetitionTime);
}
