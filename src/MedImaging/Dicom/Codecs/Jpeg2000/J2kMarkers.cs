using System.Buffers.Binary;

namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Parsers of the main/tile-part header marker segments (T.800 A.5–A.6): SIZ, COD, COC, QCD, QCC. Each takes the
/// segment body (after the length field) and checks every field it uses.
/// </summary>
internal static class J2kMarkers
{
    public static J2kImageSize ParseSiz(ReadOnlySpan<byte> s)
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

    /// <summary>
    /// Checks the CAP marker (T.800 A.5.2, T.814 A.3): Pcap may declare only Part 15 (HT) capabilities, whose
    /// Ccap15 word follows; other extensions (Part 2 and later) are not supported.
    /// </summary>
    public static void CheckCap(ReadOnlySpan<byte> s, int offset)
    {
        if (s.Length < 4)
        {
            throw new InvalidDataException($"CAP marker at offset {offset} is {s.Length + 2} bytes long, at least 6 expected");
        }

        uint pcap = BinaryPrimitives.ReadUInt32BigEndian(s);
        const uint part15 = 1u << (32 - 15);
        if ((pcap & ~part15) != 0)
        {
            throw new InvalidDataException($"CAP marker at offset {offset} declares capabilities 0x{pcap:X8}; only Part 15 (HT, 0x{part15:X8}) is supported");
        }
    }

    public static J2kTileParameters ApplyCod(ReadOnlySpan<byte> s, J2kImageSize size, J2kTileParameters? current, bool[] hasComponentStyle)
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

    public static int ParseCoc(ReadOnlySpan<byte> s, J2kImageSize size, out J2kComponentStyle style)
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

        if ((s[3] & J2kComponentStyle.StyleHtMixed) != 0)
        {
            throw new InvalidDataException($"code-block style 0x{s[3]:X2} mixes HT and Part 1 code-blocks, which is not supported (all-HT or all-Part 1 only)");
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

    public static void ApplyQcd(ReadOnlySpan<byte> s, J2kTileParameters p, bool[] hasComponentQuantization)
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

    public static int ParseQcc(ReadOnlySpan<byte> s, J2kImageSize size, out J2kQuantization q)
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

    private static int U32(ReadOnlySpan<byte> s, int o) => (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(s[o..]), int.MaxValue);

    public static int ReadU16(ReadOnlySpan<byte> s, int o) => (s[o] << 8) | s[o + 1];
}
