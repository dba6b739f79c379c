namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>One code-block: its rectangle in sub-band coordinates and what the packet headers said about it.</summary>
internal sealed class J2kCodeBlock(int x0, int y0, int x1, int y1)
{
    public int X0 { get; } = x0;

    public int Y0 { get; } = y0;

    public int X1 { get; } = x1;

    public int Y1 { get; } = y1;

    public bool Included { get; set; }

    public int ZeroBitPlanes { get; set; }

    public int LengthBits { get; set; } = 3;

    public int Passes { get; set; }

    public List<(int Length, int Passes)> Segments { get; } = [];

    public byte[] Data { get; private set; } = [];

    public int DataLength { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (DataLength + bytes.Length > Data.Length)
        {
            var grown = new byte[Math.Max(DataLength + bytes.Length, Data.Length * 2)];
            Data.AsSpan(0, DataLength).CopyTo(grown);
            Data = grown;
        }

        bytes.CopyTo(Data.AsSpan(DataLength));
        DataLength += bytes.Length;
    }
}

/// <summary>The code-blocks of one sub-band inside one precinct, with their inclusion and zero-plane tag trees.</summary>
internal sealed class J2kPrecinctBand(int blocksWide, int blocksHigh, J2kCodeBlock[] blocks)
{
    public int BlocksWide { get; } = blocksWide;

    public J2kCodeBlock[] Blocks { get; } = blocks;

    public J2kTagTree Inclusion { get; } = new(blocksWide, blocksHigh);

    public J2kTagTree ZeroPlanes { get; } = new(blocksWide, blocksHigh);
}

/// <summary>A sub-band: orientation, rectangle (sub-band coordinates), placement in the tile-component buffer, quantisation.</summary>
internal sealed record J2kBand(int Orientation, int X0, int Y0, int X1, int Y1, int BufferX, int BufferY, int MagnitudeBits, float Step);

/// <summary>A resolution level of one tile-component with its sub-bands and precincts ([precinct][band]).</summary>
internal sealed record J2kResolution(
    int X0, int Y0, int X1, int Y1, int PrecinctWidthExp, int PrecinctHeightExp, int PrecinctsWide, J2kBand[] Bands, J2kPrecinctBand[][] Precincts);

/// <summary>One component of one tile: its rectangle, resolutions and coding parameters.</summary>
internal sealed class J2kTileComponent
{
    public required int X0 { get; init; }

    public required int Y0 { get; init; }

    public required int X1 { get; init; }

    public required int Y1 { get; init; }

    public required J2kComponentStyle Style { get; init; }

    public required J2kResolution[] Resolutions { get; init; }

    public int Width => X1 - X0;

    public int Height => Y1 - Y0;

    /// <summary>Builds the resolutions, sub-bands, precincts and code-blocks of a tile-component (T.800 B.5–B.7).</summary>
    public static J2kTileComponent Build(int x0, int y0, int x1, int y1, J2kComponentStyle style, J2kQuantization quant, int precision)
    {
        int levels = style.Levels;
        var resolutions = new J2kResolution[levels + 1];
        int prevW = 0, prevH = 0;
        for (int r = 0; r <= levels; r++)
        {
            int shift = levels - r;
            int rx0 = CeilShift(x0, shift), ry0 = CeilShift(y0, shift), rx1 = CeilShift(x1, shift), ry1 = CeilShift(y1, shift);
            var bands = new J2kBand[r == 0 ? 1 : 3];
            for (int b = 0; b < bands.Length; b++)
            {
                int o = r == 0 ? 0 : b + 1;
                int xo = o & 1, yo = o >> 1;
                int nb = r == 0 ? levels : levels - r + 1;
                long ox = nb == 0 ? 0 : (long)xo << (nb - 1), oy = nb == 0 ? 0 : (long)yo << (nb - 1);
                int index = r == 0 ? 0 : (3 * r) - 3 + o;
                (int exponent, int mantissa) = quant.Band(index, levels);
                int gain = o == 0 ? 0 : (o == 3 ? 2 : 1);
                int mb = quant.GuardBits + exponent - 1;
                float step = style.Reversible ? 1f : (float)(Math.Pow(2, precision + gain - exponent) * (1 + (mantissa / 2048.0)));
                bands[b] = new J2kBand(o, CeilShift(x0 - ox, nb), CeilShift(y0 - oy, nb), CeilShift(x1 - ox, nb), CeilShift(y1 - oy, nb),
                    xo == 1 ? prevW : 0, yo == 1 ? prevH : 0, mb, step);
            }

            int ppx = style.PrecinctWidthExp[r], ppy = style.PrecinctHeightExp[r];
            int pw = rx1 > rx0 ? CeilShift(rx1, ppx) - (rx0 >> ppx) : 0;
            int ph = ry1 > ry0 ? CeilShift(ry1, ppy) - (ry0 >> ppy) : 0;
            int bpx = r == 0 ? ppx : ppx - 1, bpy = r == 0 ? ppy : ppy - 1;
            int cbw = Math.Min(style.BlockWidthExp, bpx), cbh = Math.Min(style.BlockHeightExp, bpy);
            var precincts = new J2kPrecinctBand[pw * ph][];
            for (int k = 0; k < precincts.Length; k++)
            {
                int px0 = ((rx0 >> ppx) + (k % pw)) << bpx, py0 = ((ry0 >> ppy) + (k / pw)) << bpy;
                precincts[k] = new J2kPrecinctBand[bands.Length];
                for (int b = 0; b < bands.Length; b++)
                {
                    J2kBand band = bands[b];
                    precincts[k][b] = BuildPrecinctBand(
                        Math.Max(px0, band.X0), Math.Max(py0, band.Y0), Math.Min(px0 + (1 << bpx), band.X1), Math.Min(py0 + (1 << bpy), band.Y1), cbw, cbh);
                }
            }

            resolutions[r] = new J2kResolution(rx0, ry0, rx1, ry1, ppx, ppy, pw, bands, precincts);
            prevW = rx1 - rx0;
            prevH = ry1 - ry0;
        }

        return new J2kTileComponent { X0 = x0, Y0 = y0, X1 = x1, Y1 = y1, Style = style, Resolutions = resolutions };
    }

    private static J2kPrecinctBand BuildPrecinctBand(int x0, int y0, int x1, int y1, int cbw, int cbh)
    {
        if (x0 >= x1 || y0 >= y1)
        {
            return new J2kPrecinctBand(0, 0, []);
        }

        int bx0 = x0 >> cbw, by0 = y0 >> cbh;
        int nw = CeilShift(x1, cbw) - bx0, nh = CeilShift(y1, cbh) - by0;
        var blocks = new J2kCodeBlock[nw * nh];
        for (int j = 0; j < nh; j++)
        {
            for (int i = 0; i < nw; i++)
            {
                int cx0 = (bx0 + i) << cbw, cy0 = (by0 + j) << cbh;
                blocks[(j * nw) + i] = new J2kCodeBlock(
                    Math.Max(cx0, x0), Math.Max(cy0, y0), Math.Min(cx0 + (1 << cbw), x1), Math.Min(cy0 + (1 << cbh), y1));
            }
        }

        return new J2kPrecinctBand(nw, nh, blocks);
    }

    /// <summary>⌈a / 2^shift⌉ for any sign of <paramref name="a"/>.</summary>
    internal static int CeilShift(long a, int shift) => (int)-((-a) >> shift);
}
