namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Decodes a whole codestream into a native frame: per tile, tier-2 packets, tier-1 code-blocks, dequantisation,
/// inverse wavelet, inverse colour transform (RCT/ICT), DC level shift, clamping, and little-endian output.
/// </summary>
internal static class J2kDecoder
{
    public static void Decode(ReadOnlySpan<byte> encoded, DicomFrameInfo frame, Span<byte> destination)
    {
        ReadOnlySpan<byte> codestream = J2kCodestream.Unwrap(encoded);
        J2kCodestream cs = J2kCodestream.Parse(codestream);
        J2kImageSize size = cs.Size;
        int width = size.Width - size.OffsetX, height = size.Height - size.OffsetY;
        if (width != frame.Columns || height != frame.Rows || size.Components.Length != frame.SamplesPerPixel)
        {
            throw new InvalidDataException($"the codestream is {width}x{height} with {size.Components.Length} component(s), the dataset says {frame.Columns}x{frame.Rows} with {frame.SamplesPerPixel}");
        }

        if (frame.BitsAllocated is not (8 or 16))
        {
            throw new InvalidDataException($"Bits Allocated {frame.BitsAllocated} is not supported (8 or 16)");
        }

        foreach (J2kComponentSize c in size.Components)
        {
            if (c.SubsampleX != 1 || c.SubsampleY != 1 || c.Precision > 16)
            {
                throw new InvalidDataException($"a component has subsampling {c.SubsampleX}x{c.SubsampleY} and precision {c.Precision}; only unsubsampled components of up to 16 bits are supported");
            }
        }

        var blocks = new BlockDecoders(new J2kBlockDecoder(), new J2kHtBlockDecoder());
        for (int t = 0; t < cs.Tiles.Length; t++)
        {
            DecodeTile(cs, codestream, t, frame, destination, blocks);
        }
    }

    private static void DecodeTile(J2kCodestream cs, ReadOnlySpan<byte> codestream, int t, DicomFrameInfo frame, Span<byte> destination, BlockDecoders blocks)
    {
        J2kImageSize size = cs.Size;
        J2kTileParameters p = cs.Tiles[t];
        int tx = t % size.TilesX, ty = t / size.TilesX;
        int x0 = Math.Max(size.TileOffsetX + (tx * size.TileWidth), size.OffsetX);
        int y0 = Math.Max(size.TileOffsetY + (ty * size.TileHeight), size.OffsetY);
        int x1 = (int)Math.Min((long)size.TileOffsetX + ((tx + 1L) * size.TileWidth), size.Width);
        int y1 = (int)Math.Min((long)size.TileOffsetY + ((ty + 1L) * size.TileHeight), size.Height);
        int n = size.Components.Length;
        var components = new J2kTileComponent[n];
        for (int c = 0; c < n; c++)
        {
            J2kQuantization q = p.Quantizations[c] ?? throw new InvalidDataException("no QCD/QCC quantisation marker for component " + c);
            components[c] = J2kTileComponent.Build(x0, y0, x1, y1, p.Styles[c], q, size.Components[c].Precision);
        }

        byte[] data = Concatenate(cs, codestream, t);
        J2kPacketDecoder.DecodeTile(data, components, p.Global, x0, y0);
        int w = x1 - x0, h = y1 - y0;
        var planes = new float[n][];
        var intPlanes = new int[n][];
        for (int c = 0; c < n; c++)
        {
            J2kTileComponent tc = components[c];
            if (tc.Style.Reversible)
            {
                intPlanes[c] = new int[w * h];
                FillBlocks(tc, blocks, intPlanes[c], null);
                J2kWavelet.Inverse53(intPlanes[c], w, tc);
            }
            else
            {
                planes[c] = new float[w * h];
                FillBlocks(tc, blocks, null, planes[c]);
                J2kWavelet.Inverse97(planes[c], w, tc);
            }
        }

        if (p.Global.ColourTransform && n >= 3)
        {
            J2kColour.Inverse(intPlanes, planes, components);
        }

        J2kColour.Store(intPlanes, planes, size, frame, destination, x0 - size.OffsetX, y0 - size.OffsetY, w, h);
    }

    private static byte[] Concatenate(J2kCodestream cs, ReadOnlySpan<byte> codestream, int t)
    {
        long total = 0;
        foreach ((int _, int length) in cs.TileData[t])
        {
            total += length;
        }

        var data = new byte[total];
        int at = 0;
        foreach ((int start, int length) in cs.TileData[t])
        {
            codestream.Slice(start, length).CopyTo(data.AsSpan(at));
            at += length;
        }

        return data;
    }

    /// <summary>Decodes one code-block with the Part 1 or the HT block coder; empty when no bit-plane is coded.</summary>
    private static ReadOnlySpan<int> DecodeBlock(J2kCodeBlock block, J2kBand band, J2kComponentStyle style, BlockDecoders decoders)
    {
        int planes = band.MagnitudeBits - block.ZeroBitPlanes;
        int bw = block.X1 - block.X0, bh = block.Y1 - block.Y0;
        if (style.IsHt)
        {
            // HT cleanup codes every magnitude bit from plane `planes - 1` up, so Mb bounds the magnitudes (T.814 B.1).
            if (band.MagnitudeBits > 31 || planes <= 0)
            {
                throw new InvalidDataException($"an HT code-block has {block.ZeroBitPlanes} missing bit-planes of the sub-band's {band.MagnitudeBits}; 1..31 coded bit-planes are supported");
            }

            try
            {
                decoders.Ht.Decode(block.Data, block.Segments, bw, bh, planes - 1, band.MagnitudeBits, (style.BlockStyle & J2kComponentStyle.StyleVerticalCausal) != 0);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{ex.Message} (HT code-block [{block.X0},{block.X1})×[{block.Y0},{block.Y1}) of a sub-band of orientation {band.Orientation})", ex);
            }

            return decoders.Ht.Values;
        }

        if (planes > 30)
        {
            throw new InvalidDataException($"a code-block needs {planes} magnitude bit-planes; at most 30 are supported");
        }

        if (planes <= 0)
        {
            return [];
        }

        decoders.Part1.Decode(block.Data, block.Segments, bw, bh, band.Orientation, planes, style.BlockStyle);
        return decoders.Part1.Values;
    }

    /// <summary>Decodes every code-block of a tile-component into <paramref name="ints"/> (reversible: value) or <paramref name="floats"/> (dequantised).</summary>
    private static void FillBlocks(J2kTileComponent tc, BlockDecoders decoders, int[]? ints, float[]? floats)
    {
        int stride = tc.Width;
        foreach (J2kResolution res in tc.Resolutions)
        {
            for (int b = 0; b < res.Bands.Length; b++)
            {
                J2kBand band = res.Bands[b];
                foreach (J2kPrecinctBand[] precinct in res.Precincts)
                {
                    foreach (J2kCodeBlock block in precinct[b].Blocks)
                    {
                        if (block.Passes == 0)
                        {
                            continue;
                        }

                        ReadOnlySpan<int> values = DecodeBlock(block, band, tc.Style, decoders);
                        if (values.IsEmpty)
                        {
                            continue;
                        }

                        int bw = block.X1 - block.X0, bh = block.Y1 - block.Y0;
                        float scale = 0.5f * band.Step;
                        for (int y = 0; y < bh; y++)
                        {
                            int row = ((band.BufferY + block.Y0 - band.Y0 + y) * stride) + band.BufferX + block.X0 - band.X0;
                            ReadOnlySpan<int> source = values.Slice(y * bw, bw);
                            if (ints is not null)
                            {
                                Span<int> target = ints.AsSpan(row, bw);
                                for (int x = 0; x < bw; x++)
                                {
                                    target[x] = source[x] / 2;
                                }
                            }
                            else
                            {
                                Span<float> target = floats.AsSpan(row, bw);
                                for (int x = 0; x < bw; x++)
                                {
                                    target[x] = source[x] * scale;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The two tier-1 decoders, reused across code-blocks.</summary>
    private sealed record BlockDecoders(J2kBlockDecoder Part1, J2kHtBlockDecoder Ht);
}
