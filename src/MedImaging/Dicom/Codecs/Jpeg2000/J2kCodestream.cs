using System.Buffers.Binary;

namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// A parsed JPEG 2000 codestream (T.800 Annex A): the SIZ grid, the parameters of every tile and the byte ranges of
/// each tile's packet data (all its tile-parts, in order). An optional JP2 file wrapper is stripped first.
/// </summary>
internal sealed class J2kCodestream
{
    private const int Soc = 0xFF4F, Siz = 0xFF51, Cod = 0xFF52, Coc = 0xFF53, Qcd = 0xFF5C, Qcc = 0xFF5D, Rgn = 0xFF5E;
    private const int Cap = 0xFF50, Poc = 0xFF5F, Ppm = 0xFF60, Ppt = 0xFF61, Sot = 0xFF90, Sod = 0xFF93, Eoc = 0xFFD9;

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
        if (data.Length < 4 || J2kMarkers.ReadU16(data, 0) != Soc)
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
            int marker = J2kMarkers.ReadU16(data, pos);
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
                    size = J2kMarkers.ParseSiz(seg);
                    mainCoc = new bool[size.Components.Length];
                    mainQcc = new bool[size.Components.Length];
                    break;
                case Cod:
                    main = J2kMarkers.ApplyCod(seg, RequireSize(size), main, mainCoc);
                    break;
                case Coc:
                    int cc = J2kMarkers.ParseCoc(seg, RequireSize(size), out J2kComponentStyle style);
                    RequireParameters(main).Styles[cc] = style;
                    mainCoc[cc] = true;
                    break;
                case Qcd:
                    J2kMarkers.ApplyQcd(seg, RequireParameters(main), mainQcc);
                    break;
                case Qcc:
                    int qc = J2kMarkers.ParseQcc(seg, RequireSize(size), out J2kQuantization q);
                    RequireParameters(main).Quantizations[qc] = q;
                    mainQcc[qc] = true;
                    break;
                case Cap:
                    J2kMarkers.CheckCap(seg, pos);
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

        int tile = J2kMarkers.ReadU16(data, segStart);
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

            int marker = J2kMarkers.ReadU16(data, at);
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
                    tiles[tile] = p = J2kMarkers.ApplyCod(seg, size, p, tileCoc);
                    break;
                case Coc:
                    int cc = J2kMarkers.ParseCoc(seg, size, out J2kComponentStyle style);
                    p.Styles[cc] = style;
                    tileCoc[cc] = true;
                    break;
                case Qcd:
                    J2kMarkers.ApplyQcd(seg, p, mainQcc);
                    break;
                case Qcc:
                    int qc = J2kMarkers.ParseQcc(seg, size, out J2kQuantization q);
                    p.Quantizations[qc] = q;
                    break;
                default:
                    RejectUnsupported(marker);
                    break;
            }

            at = s + l;
        }

        // With Psot = 0 the tile-part runs to the EOC marker at the end of the codestream.
        if (partLength == 0 && end >= at + 2 && J2kMarkers.ReadU16(data, (int)end - 2) == Eoc)
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

    private static (int Start, int Length) Segment(ReadOnlySpan<byte> data, int pos, int marker)
    {
        if (pos + 4 > data.Length)
        {
            throw new InvalidDataException($"marker 0x{marker:X4} at offset {pos} is truncated");
        }

        int length = J2kMarkers.ReadU16(data, pos + 2);
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
}
