namespace MedImaging;

/// <summary>
/// Four-dimensional data (fMRI, DWI, dynamic series): an ordered list of 3-D volumes sharing one geometry,
/// each with its own metadata (e.g. b-value, acquisition time).
/// </summary>
public sealed class VolumeSeries
{
    private readonly Volume[] _volumes;
    private readonly IReadOnlyDictionary<string, string>[] _metadata;

    /// <summary>Creates a series; every volume must have the same pixel type and geometry.</summary>
    /// <param name="volumes">The volumes in time/acquisition order; at least one.</param>
    /// <param name="metadata">Per-volume key/value metadata, same count as <paramref name="volumes"/>, or null.</param>
    /// <param name="repetitionTime">Time between volumes in seconds, when known (NIfTI pixdim[4]).</param>
    /// <exception cref="ArgumentException">No volumes, mixed pixel types, or a metadata count mismatch.</exception>
    /// <exception cref="GeometryMismatchException">Volumes on different grids.</exception>
    public VolumeSeries(IReadOnlyList<Volume> volumes, IReadOnlyList<IReadOnlyDictionary<string, string>>? metadata = null, double repetitionTime = 0)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        if (volumes.Count == 0)
        {
            throw new ArgumentException("a volume series needs at least one volume", nameof(volumes));
        }

        for (int i = 1; i < volumes.Count; i++)
        {
            if (volumes[i].PixelType != volumes[0].PixelType)
            {
                throw new ArgumentException($"volume {i} holds {volumes[i].PixelType.ToName()}, volume 0 {volumes[0].PixelType.ToName()}", nameof(volumes));
            }

            volumes[0].Geometry.EnsureSameSpace(volumes[i].Geometry, $"volume 0 and volume {i} of a series");
        }

        if (metadata is not null && metadata.Count != volumes.Count)
        {
            throw new ArgumentException($"{metadata.Count} metadata entries for {volumes.Count} volumes", nameof(metadata));
        }

        _volumes = [.. volumes];
        _metadata = metadata is null
            ? [.. Enumerable.Repeat<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(), volumes.Count)]
            : [.. metadata];
        RepetitionTime = repetitionTime;
    }

    /// <summary>The shared geometry.</summary>
    public VolumeGeometry Geometry => _volumes[0].Geometry;

    /// <summary>The shared pixel type.</summary>
    public PixelType PixelType => _volumes[0].PixelType;

    /// <summary>Number of volumes (the 4th dimension).</summary>
    public int Count => _volumes.Length;

    /// <summary>Time between volumes in seconds, 0 when unknown.</summary>
    public double RepetitionTime { get; }

    /// <summary>Volume <paramref name="index"/>.</summary>
    public Volume this[int index] => _volumes[index];

    /// <summary>All volumes in order.</summary>
    public IReadOnlyList<Volume> Volumes => _volumes;

    /// <summary>Metadata of volume <paramref name="index"/>.</summary>
    public IReadOnlyDictionary<string, string> GetMetadata(int index) => _metadata[index];
}
