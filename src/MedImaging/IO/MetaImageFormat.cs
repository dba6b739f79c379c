using System.Text;
using static MedImaging.IO.HeaderText;

namespace MedImaging.IO;

/// <summary>
/// MetaImage (ITK's MetaIO): <c>.mha</c> with the voxels after the header, <c>.mhd</c> with a separate data file.
/// <c>TransformMatrix</c> lists the direction of index axis 0 first, then axis 1, … (ITK writes element
/// [i·N + j] = component j of axis i's direction, i.e. the direction matrix column by column); <c>Offset</c> is
/// the LPS origin. Compressed data is a zlib stream.
/// </summary>
internal static class MetaImageFormat
{
    private const int MaxHeaderBytes = 1 << 20;

    private static readonly (string Name, PixelType Type)[] ElementTypes =
    [
        ("MET_UCHAR", PixelType.UInt8), ("MET_CHAR", PixelType.Int8), ("MET_USHORT", PixelType.UInt16),
        ("MET_SHORT", PixelType.Int16), ("MET_UINT", PixelType.UInt32), ("MET_INT", PixelType.Int32),
        ("MET_FLOAT", PixelType.Float32), ("MET_DOUBLE", PixelType.Float64),
        ("MET_ULONG", PixelType.UInt32), ("MET_LONG", PixelType.Int32), // MetaIO's LONG is 4 bytes
    ];

    /// <summary>Reads and checks a MetaImage header.</summary>
    public static ImageHeader ReadHeader(string path, ImageFileFormat format)
    {
        (List<string> lines, long headerEnd) = ReadLines(path, MaxHeaderBytes, line => KeyOf(line) == "ElementDataFile", endsAtBlankLine: false);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines)
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        if (fields.TryGetValue("ObjectType", out string? objectType) && !objectType.Equals("Image", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageFormatException(path, "ObjectType", $"'{objectType}' is not Image");
        }

        int n = (int)Required(fields, "NDims", path, 1)[0];
        if (n is < 2 or > 4)
        {
            throw new ImageFormatException(path, "NDims", Invariant($"{n}: only 2-, 3- and 4-D images are supported"));
        }

        int[] sizes = ParseSizes(Field(fields, "DimSize", path), path, "DimSize");
        if (sizes.Length != n)
        {
            throw new ImageFormatException(path, "DimSize", Invariant($"{sizes.Length} sizes for NDims = {n}"));
        }

        if (fields.TryGetValue("ElementNumberOfChannels", out string? channels) && channels != "1")
        {
            throw new ImageFormatException(path, "ElementNumberOfChannels", $"{channels}: only scalar images are supported");
        }

        if (fields.TryGetValue("BinaryData", out string? binary) && !binary.Equals("True", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageFormatException(path, "BinaryData", $"'{binary}': ASCII voxel data is not supported");
        }

        string elementType = Field(fields, "ElementType", path);
        int typeIndex = Array.FindIndex(ElementTypes, e => e.Name.Equals(elementType, StringComparison.OrdinalIgnoreCase));
        PixelType type = typeIndex >= 0 ? ElementTypes[typeIndex].Type
            : throw new ImageFormatException(path, "ElementType", $"'{elementType}' is not supported (MET_UCHAR, MET_CHAR, MET_USHORT, MET_SHORT, MET_UINT, MET_INT, MET_FLOAT, MET_DOUBLE are)");
        double[] spacing = Optional(fields, ["ElementSpacing", "ElementSize"], path, n) ?? Ones(n);
        double[] origin = Optional(fields, ["Offset", "Position", "Origin"], path, n) ?? new double[n];
        double[] matrix = Optional(fields, ["TransformMatrix", "Rotation", "Orientation"], path, n * n) ?? Identity(n);
        VolumeGeometry geometry = SpatialGeometry.Create(path, "TransformMatrix", sizes, spacing, origin,
            (axis, component) => axis < n && component < n ? matrix[axis * n + component] : (axis == component ? 1 : 0));

        (string dataPath, long offset, bool atEnd) = DataLocation(fields, path, headerEnd);
        return new ImageHeader
        {
            Path = path,
            Format = format,
            StoredPixelType = type,
            Geometry = geometry,
            NumberOfVolumes = n == 4 ? sizes[3] : 1,
            BigEndian = IsTrue(fields, "BinaryDataByteOrderMSB") || IsTrue(fields, "ElementByteOrderMSB"),
            DataPath = dataPath,
            DataOffset = offset,
            DataAtEnd = atEnd,
            Compression = IsTrue(fields, "CompressedData") ? VoxelCompression.Zlib : VoxelCompression.None,
            OffsetField = dataPath == path ? "ElementDataFile" : "HeaderSize",
        };
    }

    /// <summary>Writes volumes (one = 3-D, more = 4-D) as .mha (inline) or .mhd + .raw/.zraw.</summary>
    public static void Write(string path, ImageFileFormat format, VoxelPayload volumes, bool useCompression)
    {
        VolumeGeometry g = volumes.Geometry;
        int n = volumes.Volumes > 1 ? 4 : 3;
        byte[] data = [];
        if (useCompression)
        {
            using var compressed = new MemoryStream();
            using (Stream z = ImageFileStreams.Compressor(compressed, VoxelCompression.Zlib))
            {
                volumes.WriteTo(z);
            }

            data = compressed.ToArray();
        }

        string dataFile = format == ImageFileFormat.MetaImage ? "LOCAL"
            : Path.GetFileNameWithoutExtension(path) + (useCompression ? ".zraw" : ".raw");
        var header = new StringBuilder();
        header.Append("ObjectType = Image\n").Append(Invariant($"NDims = {n}\n"));
        header.Append("BinaryData = True\nBinaryDataByteOrderMSB = False\n");
        header.Append(useCompression ? Invariant($"CompressedData = True\nCompressedDataSize = {data.Length}\n") : "CompressedData = False\n");
        double[] matrix = new double[n * n];
        for (int axis = 0; axis < n; axis++)
        {
            for (int component = 0; component < n; component++)
            {
                matrix[axis * n + component] = axis < 3 && component < 3 ? g.Direction[component, axis] : (axis == component ? 1 : 0);
            }
        }

        header.Append("TransformMatrix = ").Append(Numbers(matrix)).Append('\n');
        header.Append("Offset = ").Append(Numbers(Extend(g.Origin.X, g.Origin.Y, g.Origin.Z, n, 0))).Append('\n');
        header.Append("CenterOfRotation = ").Append(Numbers(new double[n])).Append('\n');
        header.Append("AnatomicalOrientation = ").Append(AnatomicalOrientation(g.Direction)).Append('\n');
        header.Append("ElementSpacing = ").Append(Numbers(Extend(g.Spacing.X, g.Spacing.Y, g.Spacing.Z, n, 1))).Append('\n');
        header.Append(Invariant($"DimSize = {g.Size.X} {g.Size.Y} {g.Size.Z}")).Append(n == 4 ? Invariant($" {volumes.Volumes}") : "").Append('\n');
        header.Append("ElementType = ").Append(Array.Find(ElementTypes, e => e.Type == volumes.PixelType).Name).Append('\n');
        header.Append("ElementDataFile = ").Append(dataFile).Append('\n');

        using FileStream file = File.Create(path, 1 << 16);
        file.Write(Encoding.ASCII.GetBytes(header.ToString()));
        Stream target = file;
        FileStream? external = null;
        if (format == ImageFileFormat.MetaImageHeader)
        {
            external = File.Create(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFile), 1 << 16);
            target = external;
        }

        using (external)
        {
            if (useCompression)
            {
                target.Write(data);
            }
            else
            {
                volumes.WriteTo(target);
            }
        }
    }

    /// <summary>
    /// ITK's three letters: for each index axis the side it comes <em>from</em> (R, L, A, P, I, S), by the axis's
    /// largest LPS component. Identity gives "RAI".
    /// </summary>
    internal static string AnatomicalOrientation(Mat3 direction)
    {
        var letters = new char[3];
        for (int axis = 0; axis < 3; axis++)
        {
            Vec3 d = direction.Column(axis);
            int k = Math.Abs(d.X) >= Math.Abs(d.Y) && Math.Abs(d.X) >= Math.Abs(d.Z) ? 0 : Math.Abs(d.Y) >= Math.Abs(d.Z) ? 1 : 2;
            bool positive = d[k] > 0;
            letters[axis] = k switch { 0 => positive ? 'R' : 'L', 1 => positive ? 'A' : 'P', _ => positive ? 'I' : 'S' };
        }

        return new string(letters);
    }

    private static (string DataPath, long Offset, bool AtEnd) DataLocation(Dictionary<string, string> fields, string path, long headerEnd)
    {
        string dataFile = Field(fields, "ElementDataFile", path);
        if (dataFile.Equals("LOCAL", StringComparison.OrdinalIgnoreCase))
        {
            return (path, headerEnd, false);
        }

        if (dataFile.StartsWith("LIST", StringComparison.OrdinalIgnoreCase) || dataFile.Contains('%', StringComparison.Ordinal))
        {
            throw new ImageFormatException(path, "ElementDataFile", $"'{dataFile}': slice lists and file patterns are not supported");
        }

        string dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFile);
        double headerSize = fields.TryGetValue("HeaderSize", out string? size) ? ParseDoubles(size, path, "HeaderSize", 1)[0] : 0;
        if (headerSize < -1 || headerSize != Math.Floor(headerSize))
        {
            throw new ImageFormatException(path, "HeaderSize", Invariant($"{headerSize} is not -1 or a byte count"));
        }

        return (dataPath, headerSize < 0 ? 0 : (long)headerSize, headerSize < 0);
    }

    private static string KeyOf(string line)
    {
        int eq = line.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? line[..eq].Trim() : "";
    }

    private static double[] Required(Dictionary<string, string> fields, string key, string path, int count) =>
        ParseDoubles(Field(fields, key, path), path, key, count);

    private static double[]? Optional(Dictionary<string, string> fields, string[] keys, string path, int count)
    {
        foreach (string key in keys)
        {
            if (fields.TryGetValue(key, out string? value))
            {
                return ParseDoubles(value, path, key, count);
            }
        }

        return null;
    }

    private static bool IsTrue(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out string? value) && value.Equals("True", StringComparison.OrdinalIgnoreCase);

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static double[] Identity(int n)
    {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            m[i * n + i] = 1;
        }

        return m;
    }

    private static double[] Extend(double x, double y, double z, int n, double fourth) => n == 4 ? [x, y, z, fourth] : [x, y, z];
}
