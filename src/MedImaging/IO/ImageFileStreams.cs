using System.Globalization;
using System.IO.Compression;

namespace MedImaging.IO;

/// <summary>Opening files and (de)compression streams with the errors the readers promise.</summary>
internal static class ImageFileStreams
{
    /// <summary>Opens a file for one sequential read; a missing file or a folder becomes an <see cref="ImageFormatException"/>.</summary>
    /// <param name="path">The file to open.</param>
    /// <param name="reportedPath">The file named in errors (the header file when <paramref name="path"/> is its data file).</param>
    public static FileStream OpenRead(string path, string reportedPath)
    {
        if (Directory.Exists(path))
        {
            throw new ImageFormatException(reportedPath, "file", $"'{path}' is a folder, not an image file");
        }

        if (!File.Exists(path))
        {
            throw new ImageFormatException(reportedPath, "file", $"'{path}' does not exist");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageFormatException(reportedPath, "file", $"'{path}' cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>A decompressing stream of the given kind over <paramref name="compressed"/>.</summary>
    public static Stream Decompressor(Stream compressed, VoxelCompression compression) => compression switch
    {
        VoxelCompression.Gzip => new GZipStream(compressed, CompressionMode.Decompress),
        VoxelCompression.Zlib => new ZLibStream(compressed, CompressionMode.Decompress),
        _ => compressed,
    };

    /// <summary>
    /// A compressing stream of the given kind over <paramref name="target"/>: gzip as one member of blocks deflated in
    /// parallel at zlib's default level (<see cref="ParallelGzipStream"/>, on <paramref name="execution"/>'s threads);
    /// zlib at the fastest level (MetaImage's CompressedData).
    /// </summary>
    public static Stream Compressor(Stream target, VoxelCompression compression, ExecutionOptions? execution = null) => compression switch
    {
        VoxelCompression.Gzip => new ParallelGzipStream(target, (execution ?? ExecutionOptions.Default).EffectiveDegreeOfParallelism, leaveOpen: true),
        VoxelCompression.Zlib => new ZLibStream(target, CompressionLevel.Fastest, leaveOpen: true),
        _ => target,
    };

    /// <summary>Reads and discards <paramref name="count"/> bytes; throws naming <paramref name="field"/> when the stream ends first.</summary>
    public static void Skip(Stream stream, long count, string path, string field)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long left = count;
        while (left > 0)
        {
            int read = stream.Read(scratch[..(int)Math.Min(left, scratch.Length)]);
            if (read <= 0)
            {
                throw new ImageFormatException(path, field, string.Create(CultureInfo.InvariantCulture,
                    $"the data ends {left} bytes before offset {count}"));
            }

            left -= read;
        }
    }

    /// <summary>Reads and discards the rest of <paramref name="stream"/> (a decompressor checks its trailer only at the end).</summary>
    public static void ReadToEnd(Stream stream)
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (stream.Read(scratch) > 0)
        {
        }
    }
}
