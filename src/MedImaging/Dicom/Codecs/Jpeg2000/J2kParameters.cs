namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>One component of the SIZ marker: precision, signedness and subsampling.</summary>
internal readonly record struct J2kComponentSize(int Precision, bool IsSigned, int SubsampleX, int SubsampleY);

/// <summary>The image and tile grid of the SIZ marker (T.800 A.5.1), reference-grid coordinates.</summary>
internal sealed record J2kImageSize(
    int Width, int Height, int OffsetX, int OffsetY, int TileWidth, int TileHeight, int TileOffsetX, int TileOffsetY,
    J2kComponentSize[] Components)
{
    public int TilesX => CeilDiv(Width - TileOffsetX, TileWidth);

    public int TilesY => CeilDiv(Height - TileOffsetY, TileHeight);

    public static int CeilDiv(int a, int b) => (int)(((long)a + b - 1) / b);
}

/// <summary>Per-component coding style (COD/COC SPcod, T.800 A.6.1): decomposition, code-blocks, precincts.</summary>
internal sealed record J2kComponentStyle(int Levels, int BlockWidthExp, int BlockHeightExp, int BlockStyle, bool Reversible, int[] PrecinctWidthExp, int[] PrecinctHeightExp)
{
    public const int StyleBypass = 1;
    public const int StyleReset = 2;
    public const int StyleTermAll = 4;
    public const int StyleVerticalCausal = 8;
    public const int StyleSegmentation = 32;

    /// <summary>HT code-blocks (T.814 A.2): every code-block of the component uses the HT block coder.</summary>
    public const int StyleHt = 64;

    /// <summary>With <see cref="StyleHt"/>: code-blocks may mix HT and Part 1 coding (not supported).</summary>
    public const int StyleHtMixed = 128;

    /// <summary>True when the component's code-blocks are HT coded.</summary>
    public bool IsHt => (BlockStyle & StyleHt) != 0;
}

/// <summary>Tile-wide coding style (COD Scod/SGcod): progression, layers, colour transform, SOP/EPH markers.</summary>
internal sealed record J2kGlobalStyle(int Progression, int Layers, bool ColourTransform, bool UsesSop, bool UsesEph);

/// <summary>Quantisation of one component (QCD/QCC, T.800 A.6.4): style, guard bits, exponent/mantissa per sub-band.</summary>
internal sealed record J2kQuantization(int Style, int GuardBits, int[] Exponents, int[] Mantissas)
{
    /// <summary>Exponent and mantissa of sub-band <paramref name="index"/> (0 = LL, then HL, LH, HH per level from the coarsest).</summary>
    public (int Exponent, int Mantissa) Band(int index, int levels)
    {
        if (Style == 1)
        {
            // Scalar derived: only the LL pair is signalled; band at decomposition level n uses e0 - NL + n.
            int level = index == 0 ? levels : levels - ((index - 1) / 3);
            return (Exponents[0] - levels + level, Mantissas[0]);
        }

        if (index >= Exponents.Length)
        {
            throw new InvalidDataException($"the quantisation marker lists {Exponents.Length} sub-bands, sub-band {index} is needed");
        }

        return (Exponents[index], Mantissas[index]);
    }
}

/// <summary>Coding parameters in force for one tile (main header values, overridden by the tile's own markers).</summary>
internal sealed class J2kTileParameters
{
    public required J2kGlobalStyle Global { get; set; }

    public required J2kComponentStyle[] Styles { get; init; }

    public required J2kQuantization[] Quantizations { get; init; }

    public J2kTileParameters Clone() => new() { Global = Global, Styles = [.. Styles], Quantizations = [.. Quantizations] };
}
