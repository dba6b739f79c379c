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

        var blocks = new J2kBlockDecoder();
        for (int t = 0; t < cs.Tiles.Length; t++)
        {
            DecodeTile(cs, codestream, t, frame, destination, blocks);
        }
    }

    private static void DecodeTile(J2kCodestream cs, ReadOnlySpan<byte> codestream, int t, DicomFrameInfo frame, Span<byte> destination, J2kBlockDecoder blocks)
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
                FillBlocks(tc, blocks, (band, i, v) => intPlanes[c][i] = v / 2);
                J2kWavelet.Inverse53(intPlanes[c], w, tc);
            }
            else
            {
                planes[c] = new float[w * h];
                FillBlocks(tc, blocks, (band, i, v) => planes[c][i] = v * 0.5f * band.Step);
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

    private static void FillBlocks(J2kTileComponent tc, J2kBlockDecoder decoder, Action<J2kBand, int, int> store)
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

                        int planes = band.MagnitudeBits - block.ZeroBitPlanes;
                        if (planes > 30)
                        {
                            throw new InvalidDataException($"a code-block needs {planes} magnitude bit-planes; at most 30 are supported");
                        }

                        if (planes <= 0)
                        {
                            continue;
                        }

                        int bw = block.X1 - block.X0, bh = block.Y1 - block.Y0;
                        decoder.Decode(block.Data, block.Segments, bw, bh, band.Orientation, planes, tc.Style.BlockStyle);
                        ReadOnlySpan<int> values = decoder.Values;
                        for (int y = 0; y < bh; y++)
                        {
                            int row = ((band.BufferY + block.Y0 - band.Y0 + y) * stride) + band.BufferX + block.X0 - band.X0;
                            for (int x = 0; x < bw; x++)
                            {
                                store(band, row + x, values[(y * bw) + x]);
                            }
                        }
                    }
                }
            }
        }
    }
}
