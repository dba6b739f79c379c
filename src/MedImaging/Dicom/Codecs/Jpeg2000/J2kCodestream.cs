using System.Buffers.Binary;

namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// A parsed JPEG 2000 codestream (T.800 Annex A): the SIZ grid, the parameters of every tile and the byte ranges of
/// each tile's packet data (all its tile-parts, in order). An optional JP2 file wrapper is stripped first.
/// </summary>
internal sealed class J2kCodestream
{
    private const int Soc = 0xFF4F, Siz = 0xFF51, Cod = 0xFF52, Coc = 0xFF53, Qcd = 0xFF5C, Qcc = 0xFF5D, Rgn = 0xFF5E;
    private const int Poc = 0xFF5F, Ppm = 0xFF60, Ppt = 0xFF61, Sot = 0xFF90, Sod = 0xFF93, Eoc = 0xFFD9;

    private J2kCodestream(J2kImageSize size, J2kTileParameters[] tiles, List<(int Start, int Length)>[] tileData)
    {
        Size = size;
        Tiles = tiles;
        TileData = tileData;
    }

    public J2kImageSize Size { get; }

    public J2kTileParameters[] Tiles { get; }

    public List<(int Start, int Length)>[] TileData { get; }

    /// <summary>Strips a JP2 wrapper: returns the contents of the contiguous codestream box, or the input unchanged.</summary>
    public static ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(data) != 12 || BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != 0x6A502020)
        {
            return data;
        }

        int pos = 0;
        while (pos + 8 <= data.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            uint type = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 4)..]);
            int header = 8;
            if (length == 1)
            {
                if (pos + 16 > data.Length)
                {
                    break;
                }

                length = (long)BinaryPrimitives.ReadUInt64BigEndian(data[(pos + 8)..]);
                header = 16;
            }
            else if (length == 0)
            {
                length = data.Length - pos;
            }

            if (length < header || length > data.Length - pos)
            {
                throw new InvalidDataException($"JP2 box at offset {pos} declares {length} bytes, {data.Length - pos} remain");
            }

            if (type == 0x6A703263)
            {
                return data.Slice(pos + header, (int)length - header);
            }

            pos += (int)length;
        }

        throw new InvalidDataException("JP2 file has no contiguous codestream box (jp2c)");
    }

    public static J2kCodestream Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || ReadU16(data, 0) != Soc)
        {
            throw new InvalidDataException("the codestream does not start with the SOC marker 0xFF4F");
        }

        int pos = 2;
        J2kImageSize? size = null;
        J2kTileParameters? main = null;
        bool[] mainCoc = [];
        bool[] mainQcc = [];
        J2kTileParameters[] tiles = [];
        List<(int, int)>[] tileData = [];
        bool inMain = true;
        while (pos + 2 <= data.Length)
        {
            int marker = ReadU16(data, pos);
            if (marker == Eoc)
            {
                break;
            }

            if (marker == Sot)
            {
                if (size is null || main is null)
                {
                    throw new InvalidDataException("the main header lacks SIZ, COD or QCD before the first tile-part");
                }

                if (inMain)
                {
                    tiles = new J2kTileParameters[size.TilesX * size.TilesY];
                    tileData = new List<(int, int)>[tiles.Length];
                    inMain = false;
                }

                pos = ParseTilePart(data, pos, size, main, mainQcc, tiles, tileData);
                continue;
            }

            if (!inMain)
            {
                throw new InvalidDataException($"marker 0x{marker:X4} at offset {pos} where a tile-part (SOT) or EOC was expected");
            }

            (int segStart, int segLength) = Segment(data, pos, marker);
            ReadOnlySpan<byte> seg = data.Slice(segStart, segLength);
            switch (marker)
            {
                case Siz:
                    size = ParseSiz(seg);
                    mainCoc = new bool[size.Components.Length];
                    mainQcc = new bool[size.Components.Length];
                    break;
                case Cod:
                    main = ApplyCod(seg, RequireSize(size), main, mainCoc);
                    break;
                case Coc:
                    int cc = ParseCoc(seg, RequireSize(size), out J2kComponentStyle style);
                    RequireParameters(main).Styles[cc] = style;
                    mainCoc[cc] = true;
                    break;
                case Qcd:
                    ApplyQcd(seg, RequireParameters(main), mainQcc);
                    break;
                case Qcc:
                    int qc = ParseQcc(seg, RequireSize(size), out J2kQuantization q);
                    RequireParameters(main).Quantizations[qc] = q;
                    mainQcc[qc] = true;
                    break;
                default:
                    RejectUnsupported(marker);
                    break;
            }

            pos = segStart + segLength;
        }

        if (inMain || size is null)
        {
            throw new InvalidDataException("the codestream ends before any tile-part");
        }

        for (int t = 0; t < tiles.Length; t++)
        {
            if (tiles[t] is null)
            {
                throw new InvalidDataException($"tile {t} has no tile-part (truncated codestream)");
            }
        }

        return new J2kCodestream(size, tiles, tileData);
    }

    private static int ParseTilePart(ReadOnlySpan<byte> data, int pos, J2kImageSize size, J2kTileParameters main, bool[] mainQcc, J2kTileParameters[] tiles, List<(int, int)>[] tileData)
    {
        (int segStart, int segLength) = Segment(data, pos, Sot);
        if (segLength < 8)
        {
            throw new InvalidDataException($"SOT at offset {pos} is {segLength + 2} bytes long, 10 expected");
        }

        int tile = ReadU16(data, segStart);
        long partLength = BinaryPrimitives.ReadUInt32BigEndian(data[(segStart + 2)..]);
        if (tile >= tiles.Length)
        {
            throw new InvalidDataException($"SOT at offset {pos} names tile {tile}, the grid has {tiles.Length}");
        }

        long end = partLength == 0 ? data.Length : pos + partLength;
        if (end > data.Length)
        {
            throw new InvalidDataException($"tile-part of tile {tile} at offset {pos} needs {partLength} bytes, {data.Length - pos} remain (truncated codestream)");
        }

        bool first = tiles[tile] is null;
        J2kTileParameters p = tiles[tile] ??= main.Clone();
        tileData[tile] ??= [];
        bool[] tileCoc = new bool[size.Components.Length];
        int at = segStart + segLength;
        while (true)
        {
            if (at + 2 > end)
            {
                throw new InvalidDataException($"tile-part header of tile {tile} has no SOD marker");
            }

            int marker = ReadU16(data, at);
            if (marker == Sod)
            {
                at += 2;
                break;
            }

            (int s, int l) = Segment(data, at, marker);
            ReadOnlySpan<byte> seg = data.Slice(s, l);
            if (marker is Cod or Coc or Qcd or Qcc && !first)
            {
                throw new InvalidDataException($"marker 0x{marker:X4} in a later tile-part of tile {tile}");
            }

            switch (marker)
            {
                case Cod:
                    tiles[tile] = p = ApplyCod(seg, size, p, tileCoc);
                    break;
                case Coc:
                    int cc = ParseCoc(seg, size, out J2kComponentStyle style);
                    p.Styles[cc] = style;
                    tileCoc[cc] = true;
                    break;
                case Qcd:
                    ApplyQcd(seg, p, mainQcc);
                    break;
                case Qcc:
                    int qc = ParseQcc(seg, size, out J2kQuantization q);
                    p.Quantizations[qc] = q;
                    break;
                default:
                    RejectUnsupported(marker);
                    break;
            }

            at = s + l;
        }

        // With Psot = 0 the tile-part runs to the EOC marker at the end of the codestream.
        if (partLength == 0 && end >= at + 2 && ReadU16(data, (int)end - 2) == Eoc)
        {
            end -= 2;
        }

        tileData[tile].Add((at, (int)end - at));
        return (int)end;
    }

    private static void RejectUnsupported(int marker)
    {
        if (marker is Rgn or Poc or Ppm or Ppt || (marker & 0xFF00) != 0xFF00 || marker < 0xFF30)
        {
            throw new InvalidDataException($"marker 0x{marker:X4} (region of interest, progression change, packed headers or unknown) is not supported");
        }
    }

    private static J2kImageSize ParseSiz(ReadOnlySpan<byte> s)
    {
        if (s.Length < 38)
        {
            throw new InvalidDataException($"SIZ marker is {s.Length + 2} bytes long, at least 41 expected");
        }

        int count = ReadU16(s, 34);
        if (count is < 1 or > 16384 || s.Length < 36 + (3 * count))
        {
            throw new InvalidDataException($"SIZ marker declares {count} components in {s.Length + 2} bytes");
        }

        var comps = new J2kComponentSize[count];
        for (int c = 0; c < count; c++)
        {
            int ssiz = s[36 + (3 * c)];
            comps[c] = new J2kComponentSize((ssiz & 0x7F) + 1, (ssiz & 0x80) != 0, s[37 + (3 * c)], s[38 + (3 * c)]);
        }

        var size = new J2kImageSize(U32(s, 2), U32(s, 6), U32(s, 10), U32(s, 14), U32(s, 18), U32(s, 22), U32(s, 26), U32(s, 30), comps);
        if (size.Width <= size.OffsetX || size.Height <= size.OffsetY || size.TileWidth < 1 || size.TileHeight < 1
            || size.TileOffsetX > size.OffsetX || size.TileOffsetY > size.OffsetY
            || (long)size.TileOffsetX + size.TileWidth <= size.OffsetX || (long)size.TileOffsetY + size.TileHeight <= size.OffsetY)
        {
            throw new InvalidDataException($"SIZ grid is inconsistent: image {size.Width}x{size.Height} offset {size.OffsetX},{size.OffsetY}, tiles {size.TileWidth}x{size.TileHeight} offset {size.TileOffsetX},{size.TileOffsetY}");
        }

        if ((long)size.TilesX * size.TilesY > 65535)
        {
            throw new InvalidDataException($"SIZ grid has {(long)size.TilesX * size.TilesY} tiles, at most 65535 are addressable");
        }

        return size;
    }

    private static J2kTileParameters ApplyCod(ReadOnlySpan<byte> s, J2kImageSize size, J2kTileParameters? current, bool[] hasComponentStyle)
    {
        if (s.Length < 5)
        {
            throw new InvalidDataException($"COD marker is {s.Length + 2} bytes long");
        }

        int scod = s[0];
        var global = new J2kGlobalStyle(s[1], ReadU16(s, 2), s[4] != 0, (scod & 2) != 0, (scod & 4) != 0);
        if (global.Progression > 4 || global.Layers == 0)
        {
            throw new InvalidDataException($"COD has progression order {global.Progression} and {global.Layers} layers");
        }

        J2kComponentStyle style = ParseStyle(s[5..], scod);
        int n = size.Components.Length;
        J2kTileParameters p = current ?? new J2kTileParameters
        {
            Global = global,
            Styles = new J2kComponentStyle[n],
            Quantizations = new J2kQuantization[n],
        };
        p.Global = global;
        for (int c = 0; c < n; c++)
        {
            if (!hasComponentStyle[c] || current is null)
            {
                p.Styles[c] = style;
            }
        }

        return p;
    }

    private static int ParseCoc(ReadOnlySpan<byte> s, J2kImageSize size, out J2kComponentStyle style)
    {
        int c = ComponentIndex(s, size, "COC", out int wide);

        style = ParseStyle(s[(wide + 1)..], s[wide]);
        return c;
    }

    private static J2kComponentStyle ParseStyle(ReadOnlySpan<byte> s, int scod)
    {
        if (s.Length < 5)
        {
            throw new InvalidDataException("coding style parameters are truncated");
        }

        int levels = s[0];
        int cbw = s[1] + 2, cbh = s[2] + 2;
        if (levels > 32 || cbw > 10 || cbh > 10 || cbw + cbh > 12 || s[4] > 1)
        {
            throw new InvalidDataException($"coding style has {levels} levels, code-block 2^{cbw}x2^{cbh}, transform {s[4]}");
        }

        var pw = new int[levels + 1];
        var ph = new int[levels + 1];
        for (int r = 0; r <= levels; r++)
        {
            int packed = 0xFF;
            if ((scod & 1) != 0)
            {
                packed = 5 + r < s.Length ? s[5 + r] : throw new InvalidDataException($"precinct sizes list {s.Length - 5} of {levels + 1} resolutions");
            }

            pw[r] = packed & 0xF;
            ph[r] = packed >> 4;
            if (r > 0 && (pw[r] == 0 || ph[r] == 0))
            {
                throw new InvalidDataException($"precinct exponent 0 at resolution {r}");
            }
        }

        return new J2kComponentStyle(levels, cbw, cbh, s[3], s[4] == 1, pw, ph);
    }

    private static void ApplyQcd(ReadOnlySpan<byte> s, J2kTileParameters p, bool[] hasComponentQuantization)
    {
        J2kQuantization q = ParseQuantization(s);
        for (int c = 0; c < p.Quantizations.Length; c++)
        {
            if (!hasComponentQuantization[c] || p.Quantizations[c] is null)
            {
                p.Quantizations[c] = q;
            }
        }
    }

    private static int ParseQcc(ReadOnlySpan<byte> s, J2kImageSize size, out J2kQuantization q)
    {
        int c = ComponentIndex(s, size, "QCC", out int wide);

        q = ParseQuantization(s[wide..]);
        return c;
    }

    /// <summary>The component index opening a COC/QCC marker: one byte, or two when the image has 257+ components.</summary>
    private static int ComponentIndex(ReadOnlySpan<byte> s, J2kImageSize size, string marker, out int wide)
    {
        wide = size.Components.Length >= 257 ? 2 : 1;
        if (s.Length < wide + 1)
        {
            throw new InvalidDataException($"{marker} marker is {s.Length + 2} bytes long");
        }

        int c = wide == 2 ? ReadU16(s, 0) : s[0];
        return c < size.Components.Length ? c : throw new InvalidDataException($"{marker} names component {c} of {size.Components.Length}");
    }

    private static J2kQuantization ParseQuantization(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2)
        {
            throw new InvalidDataException("quantisation marker is truncated");
        }

        int style = s[0] & 0x1F;
        int guard = s[0] >> 5;
        if (style > 2)
        {
            throw new InvalidDataException($"quantisation style {style} is undefined");
        }

        int each = style == 0 ? 1 : 2;
        int count = (s.Length - 1) / each;
        var e = new int[count];
        var m = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (style == 0)
            {
                e[i] = s[1 + i] >> 3;
            }
            else
            {
                int v = ReadU16(s, 1 + (2 * i));
                e[i] = v >> 11;
                m[i] = v & 0x7FF;
            }
        }

        if (count == 0)
        {
            throw new InvalidDataException("quantisation marker lists no sub-band");
        }

        return new J2kQuantization(style, guard, e, m);
    }

    private static (int Start, int Length) Segment(ReadOnlySpan<byte> data, int pos, int marker)
    {
        if (pos + 4 > data.Length)
        {
            throw new InvalidDataException($"marker 0x{marker:X4} at offset {pos} is truncated");
        }

        int length = ReadU16(data, pos + 2);
        if (length < 2 || pos + 2 + length > data.Length)
        {
            throw new InvalidDataException($"marker 0x{marker:X4} at offset {pos} declares {length} bytes, {data.Length - pos - 2} remain (truncated codestream)");
        }

        return (pos + 4, length - 2);
    }

    private static J2kImageSize RequireSize(J2kImageSize? size) =>
        size ?? throw new InvalidDataException("a coding marker precedes SIZ");

    private static J2kTileParameters RequireParameters(J2kTileParameters? p) =>
        p ?? throw new InvalidDataException("COC/QCD/QCC precedes COD in the main header");

    private static int U32(ReadOnlySpan<byte> s, int o) => (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(s[o..]), int.MaxValue);

    private static int ReadU16(ReadOnlySpan<byte> s, int o) => (s[o] << 8) | s[o + 1];
}
