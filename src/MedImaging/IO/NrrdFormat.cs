using System.Text;
using static MedImaging.IO.HeaderText;

namespace MedImaging.IO;

/// <summary>
/// NRRD (teem, as 3D Slicer and ITK's NrrdImageIO write it): <c>.nrrd</c> with the data after a blank line,
/// <c>.nhdr</c> with a detached <c>data file</c>. Encodings raw and gzip; spaces left-posterior-superior (written),
/// right-anterior-superior and left-anterior-superior (converted to LPS on read). <c>space directions</c> are the
/// index axes' LPS vectors scaled by the spacing; a 4-D image has the volume axis last with direction <c>none</c>.
/// </summary>
internal static class NrrdFormat
{
    private const int MaxHeaderBytes = 1 << 20;

    private static readonly (string[] Names, PixelType Type)[] Types =
    [
        (["uint8", "uchar", "unsigned char", "uint8_t"], PixelType.UInt8),
        (["int8", "signed char", "int8_t"], PixelType.Int8),
        (["uint16", "ushort", "unsigned short", "unsigned short int", "uint16_t"], PixelType.UInt16),
        (["int16", "short", "short int", "signed short", "signed short int", "int16_t"], PixelType.Int16),
        (["uint32", "uint", "unsigned int", "uint32_t"], PixelType.UInt32),
        (["int32", "int", "signed int", "int32_t"], PixelType.Int32),
        (["float"], PixelType.Float32),
        (["double"], PixelType.Float64),
    ];

    /// <summary>Reads and checks a NRRD header.</summary>
    public static ImageHeader ReadHeader(string path, ImageFileFormat format)
    {
        (List<string> lines, long headerEnd) = ReadLines(path, MaxHeaderBytes, _ => false, endsAtBlankLine: true);
        if (lines.Count == 0 || !lines[0].StartsWith("NRRD000", StringComparison.Ordinal))
        {
            throw new ImageFormatException(path, "magic", "the file does not start with NRRD000x");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (!line.StartsWith('#') && colon > 0 && !line.Contains(":=", StringComparison.Ordinal))
            {
                fields[line[..colon].Trim()] = line[(colon + 2)..].Trim();
            }
        }

        int n = (int)ParseDoubles(Field(fields, "dimension", path), path, "dimension", 1)[0];
        if (n is < 2 or > 4)
        {
            throw new ImageFormatException(path, "dimension", Invariant($"{n}: only 2-, 3- and 4-D images are supported"));
        }

        int[] sizes = ParseSizes(Field(fields, "sizes", path), path, "sizes");
        if (sizes.Length != n)
        {
            throw new ImageFormatException(path, "sizes", Invariant($"{sizes.Length} sizes for dimension {n}"));
        }

        string typeName = Field(fields, "type", path);
        int typeIndex = Array.FindIndex(Types, t => t.Names.Contains(typeName, StringComparer.OrdinalIgnoreCase));
        PixelType type = typeIndex >= 0 ? Types[typeIndex].Type
            : throw new ImageFormatException(path, "type", $"'{typeName}' is not supported (8- to 32-bit integers, float and double are)");
        VolumeGeometry geometry = ReadGeometry(fields, path, sizes);
        string encoding = fields.TryGetValue("encoding", out string? e) ? e.ToLowerInvariant() : "";
        VoxelCompression compression = encoding switch
        {
            "raw" => VoxelCompression.None,
            "gzip" or "gz" => VoxelCompression.Gzip,
            _ => throw new ImageFormatException(path, "encoding", $"'{encoding}' is not supported (raw and gzip are)"),
        };
        if (fields.TryGetValue("line skip", out string? lineSkip) && lineSkip != "0")
        {
            throw new ImageFormatException(path, "line skip", $"{lineSkip}: only 0 is supported");
        }

        long byteSkip = fields.TryGetValue("byte skip", out string? skip) ? (long)ParseDoubles(skip, path, "byte skip", 1)[0] : 0;
        if (byteSkip < -1 || (byteSkip == -1 && compression != VoxelCompression.None))
        {
            throw new ImageFormatException(path, "byte skip", Invariant($"{byteSkip}: must be ≥ 0, or -1 with raw encoding"));
        }

        string dataPath = DataPath(fields, path);
        bool bigEndian = fields.TryGetValue("endian", out string? endian) && endian.Equals("big", StringComparison.OrdinalIgnoreCase);
        bool attached = dataPath == path;
        return new ImageHeader
        {
            Path = path,
            Format = format,
            StoredPixelType = type,
            Geometry = geometry,
            NumberOfVolumes = n == 4 ? sizes[3] : 1,
            BigEndian = bigEndian,
            DataPath = dataPath,
            DataOffset = (attached ? headerEnd : 0) + (compression == VoxelCompression.None ? Math.Max(0, byteSkip) : 0),
            Compression = compression,
            DecompressedSkip = compression == VoxelCompression.None ? 0 : Math.Max(0, byteSkip),
            DataAtEnd = byteSkip == -1,
            OffsetField = "byte skip",
        };
    }

    /// <summary>Writes volumes (one = 3-D, more = 4-D) as .nrrd (attached) or .nhdr + .raw/.raw.gz.</summary>
    public static void Write(string path, ImageFileFormat format, VoxelPayload volumes, bool useCompression, ExecutionOptions? execution = null)
    {
        VolumeGeometry g = volumes.Geometry;
        bool series = volumes.Volumes > 1;
        var header = new StringBuilder();
        header.Append("NRRD0004\n# Complete NRRD file format specification at:\n# http://teem.sourceforge.net/nrrd/format.html\n");
        header.Append("type: ").Append(Types.First(t => t.Type == volumes.PixelType).Names[0]).Append('\n');
        header.Append(series ? "dimension: 4\n" : "dimension: 3\n").Append("space: left-posterior-superior\n");
        header.Append(Invariant($"sizes: {g.Size.X} {g.Size.Y} {g.Size.Z}")).Append(series ? Invariant($" {volumes.Volumes}") : "").Append('\n');
        header.Append("space directions:");
        for (int axis = 0; axis < 3; axis++)
        {
            header.Append(' ').Append(Vector(g.Direction.Column(axis) * g.Spacing[axis]));
        }

        header.Append(series ? " none\nkinds: domain domain domain list\n" : "\nkinds: domain domain domain\n");
        header.Append("endian: little\n").Append(useCompression ? "encoding: gzip\n" : "encoding: raw\n");
        header.Append("space origin: ").Append(Vector(g.Origin)).Append('\n');
        string? dataFile = null;
        if (format == ImageFileFormat.NrrdDetached)
        {
            dataFile = Path.GetFileNameWithoutExtension(path) + (useCompression ? ".raw.gz" : ".raw");
            header.Append("data file: ").Append(dataFile).Append('\n');
        }

        header.Append('\n');
        using FileStream file = File.Create(path, 1 << 16);
        file.Write(Encoding.ASCII.GetBytes(header.ToString()));
        using FileStream? external = dataFile is null ? null
            : File.Create(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFile), 1 << 16);
        using Stream target = ImageFileStreams.Compressor(external ?? file, useCompression ? VoxelCompression.Gzip : VoxelCompression.None, execution);
        volumes.WriteTo(target);
    }

    private static VolumeGeometry ReadGeometry(Dictionary<string, string> fields, string path, int[] sizes)
    {
        int n = sizes.Length;
        int spatial = Math.Min(3, n);
        double[] spacing = [1, 1, 1];
        double[] origin = [0, 0, 0];
        var directions = new Vec3[3];
        Vec3 flip = SpaceFlip(fields, path);
        if (fields.TryGetValue("space directions", out string? text))
        {
            string[] vectors = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (vectors.Length != n || (n == 4 && !vectors[3].Equals("none", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ImageFormatException(path, "space directions", Invariant($"'{text}': expected {spatial} vectors{(n == 4 ? " and 'none' for the last (list) axis" : "")}"));
            }

            for (int axis = 0; axis < spatial; axis++)
            {
                double[] v = ParseDoubles(vectors[axis].Trim('(', ')'), path, "space directions", spatial);
                Vec3 lps = Scale(new Vec3(v[0], v[1], spatial == 3 ? v[2] : 0), flip);
                spacing[axis] = lps.Length;
                directions[axis] = lps * (1 / lps.Length);
            }
        }
        else
        {
            if (fields.TryGetValue("spacings", out string? spacings))
            {
                ParseDoubles(spacings, path, "spacings", spatial).CopyTo(spacing, 0);
            }

            directions = [new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1)];
        }

        if (fields.TryGetValue("space origin", out string? originText))
        {
            double[] o = ParseDoubles(originText.Replace('(', ' ').Replace(')', ' '), path, "space origin", spatial);
            Vec3 lps = Scale(new Vec3(o[0], o[1], spatial == 3 ? o[2] : 0), flip);
            origin = [lps.X, lps.Y, lps.Z];
        }

        return SpatialGeometry.Create(path, "space directions", sizes, spacing, origin, (axis, component) => directions[axis][component]);
    }

    private static Vec3 SpaceFlip(Dictionary<string, string> fields, string path)
    {
        if (!fields.TryGetValue("space", out string? space))
        {
            return Vec3.One;
        }

        return space.ToLowerInvariant() switch
        {
            "left-posterior-superior" or "lps" => Vec3.One,
            "right-anterior-superior" or "ras" => new Vec3(-1, -1, 1),
            "left-anterior-superior" or "las" => new Vec3(1, -1, 1),
            _ => throw new ImageFormatException(path, "space", $"'{space}' is not supported (left-posterior-superior, right-anterior-superior and left-anterior-superior are)"),
        };
    }

    private static string DataPath(Dictionary<string, string> fields, string path)
    {
        if (!fields.TryGetValue("data file", out string? dataFile) && !fields.TryGetValue("datafile", out dataFile))
        {
            return path;
        }

        if (dataFile.StartsWith("LIST", StringComparison.OrdinalIgnoreCase) || dataFile.Contains('%', StringComparison.Ordinal))
        {
            throw new ImageFormatException(path, "data file", $"'{dataFile}': file lists and patterns are not supported");
        }

        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFile);
    }

    private static Vec3 Scale(Vec3 v, Vec3 s) => new(v.X * s.X, v.Y * s.Y, v.Z * s.Z);

    private static string Vector(Vec3 v) => $"({Number(v.X)},{Number(v.Y)},{Number(v.Z)})";
}
