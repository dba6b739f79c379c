namespace MedImaging.Dicom;

/// <summary>How <see cref="DicomFile.Open(string, DicomReadOptions?)"/> reads a file.</summary>
public sealed record DicomReadOptions
{
    /// <summary>
    /// Stop at the top-level Pixel Data (7FE0,0010/0008/0009) without reading it: a header-only read that loads only
    /// the first part of the file (the rest is never read). Default false.
    /// </summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>Deepest allowed nesting of sequences (guards against hostile files). Default 64.</summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Largest inflated size accepted for deflated transfer syntaxes, in bytes (guards against deflate bombs). Default 2 GiB − 1.</summary>
    public long MaxInflatedBytes { get; init; } = int.MaxValue;

    /// <summary>The defaults: full read.</summary>
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Header only: stop before the pixel data.</summary>
    public static DicomReadOptions HeaderOnly { get; } = new() { StopBeforePixelData = true };
}
