namespace MedImaging.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Tier-2 (T.800 Annex B): walks a tile's packets in its progression order (LRCP, RLCP, RPCL, PCRL, CPRL), decodes
/// each packet header (inclusion, zero bit-planes, pass counts, segment lengths) and gathers code-block bytes.
/// </summary>
internal static class J2kPacketDecoder
{
    /// <summary>Decodes every packet of a tile from <paramref name="data"/> (all tile-parts concatenated).</summary>
    public static void DecodeTile(byte[] data, J2kTileComponent[] components, J2kGlobalStyle global, int tileX0, int tileY0)
    {
        long packets = 0;
        foreach (J2kTileComponent tc in components)
        {
            foreach (J2kResolution res in tc.Resolutions)
            {
                packets += (long)res.Precincts.Length * global.Layers;
            }
        }

        // Every packet header takes at least one byte, so more packets than bytes is a corrupt or truncated tile.
        if (packets > data.Length)
        {
            throw new InvalidDataException($"the tile has {packets} packets but only {data.Length} bytes of packet data (truncated codestream)");
        }

        List<(int Layer, int Resolution, int Component, int Precinct)> order = PacketOrder(components, global, tileX0, tileY0);

        var bits = new J2kHeaderBits(data, data.Length);
        int pos = 0;
        foreach ((int layer, int r, int c, int k) in order)
        {
            pos = DecodePacket(data, pos, bits, components[c], components[c].Resolutions[r].Precincts[k], layer, global);
        }
    }

    private static int DecodePacket(byte[] data, int pos, J2kHeaderBits bits, J2kTileComponent component, J2kPrecinctBand[] precinct, int layer, J2kGlobalStyle global)
    {
        if (global.UsesSop && pos + 6 <= data.Length && data[pos] == 0xFF && data[pos + 1] == 0x91)
        {
            pos += 6;
        }

        bits.Start(pos);
        var pending = new List<(J2kCodeBlock Block, int Length)>();
        if (bits.Bit() != 0)
        {
            foreach (J2kPrecinctBand band in precinct)
            {
                for (int i = 0; i < band.Blocks.Length; i++)
                {
                    ReadBlockHeader(bits, band, i, layer, component.Style.BlockStyle, pending);
                }
            }
        }

        pos = bits.Finish();
        if (global.UsesEph && pos + 2 <= data.Length && data[pos] == 0xFF && data[pos + 1] == 0x92)
        {
            pos += 2;
        }

        foreach ((J2kCodeBlock block, int length) in pending)
        {
            if (length > data.Length - pos)
            {
                throw new InvalidDataException($"a code-block segment of {length} bytes at offset {pos} runs past the {data.Length}-byte tile data (truncated codestream)");
            }

            block.Append(data.AsSpan(pos, length));
            pos += length;
        }

        return pos;
    }

    private static void ReadBlockHeader(J2kHeaderBits bits, J2kPrecinctBand band, int index, int layer, int style, List<(J2kCodeBlock, int)> pending)
    {
        J2kCodeBlock block = band.Blocks[index];
        int x = index % band.BlocksWide, y = index / band.BlocksWide;
        bool included = block.Included ? bits.Bit() != 0 : band.Inclusion.Decode(bits, x, y, layer + 1);
        if (!included)
        {
            return;
        }

        if (!block.Included)
        {
            block.ZeroBitPlanes = band.ZeroPlanes.DecodeValue(bits, x, y);
            block.Included = true;
        }

        int passes = PassCount(bits);
        while (bits.Bit() != 0)
        {
            block.LengthBits++;
            if (block.LengthBits > 32)
            {
                throw new InvalidDataException("a code-block length indicator exceeds 32 bits");
            }
        }

        if ((style & J2kComponentStyle.StyleHt) != 0)
        {
            J2kHtPacketHeader.ReadLengths(bits, block, passes, pending);
            return;
        }

        while (passes > 0)
        {
            List<(int Length, int Passes)> segments = block.Segments;
            int capacity = SegmentCapacity(style, segments.Count - 1);
            if (segments.Count == 0 || segments[^1].Passes >= capacity)
            {
                segments.Add((0, 0));
                capacity = SegmentCapacity(style, segments.Count - 1);
            }

            int take = Math.Min(passes, capacity - segments[^1].Passes);
            int length = bits.Bits(block.LengthBits + (31 - int.LeadingZeroCount(take)));
            if (length < 0 || length > 1 << 28)
            {
                throw new InvalidDataException($"code-block segment length {length} is implausible");
            }

            segments[^1] = (segments[^1].Length + length, segments[^1].Passes + take);
            block.Passes += take;
            passes -= take;
            pending.Add((block, length));
        }
    }

    private static int SegmentCapacity(int style, int segment)
    {
        if ((style & J2kComponentStyle.StyleTermAll) != 0)
        {
            return 1;
        }

        if ((style & J2kComponentStyle.StyleBypass) != 0)
        {
            return segment <= 0 ? 10 : (segment % 2 == 1 ? 2 : 1);
        }

        return int.MaxValue;
    }

    private static int PassCount(J2kHeaderBits bits)
    {
        if (bits.Bit() == 0)
        {
            return 1;
        }

        if (bits.Bit() == 0)
        {
            return 2;
        }

        int two = bits.Bits(2);
        if (two < 3)
        {
            return 3 + two;
        }

        int five = bits.Bits(5);
        return five < 31 ? 6 + five : 37 + bits.Bits(7);
    }

    private static List<(int, int, int, int)> PacketOrder(J2kTileComponent[] components, J2kGlobalStyle global, int tileX0, int tileY0)
    {
        var keyed = new List<(long Key1, long Key2, (int, int, int, int) Packet)>();
        for (int c = 0; c < components.Length; c++)
        {
            J2kTileComponent tc = components[c];
            int levels = tc.Style.Levels;
            for (int r = 0; r <= levels; r++)
            {
                J2kResolution res = tc.Resolutions[r];
                for (int k = 0; k < res.Precincts.Length; k++)
                {
                    // Reference-grid position of the precinct's top-left corner, clipped to the tile (B.12.1.3).
                    int scale = levels - r;
                    long px = Math.Max((long)((res.X0 >> res.PrecinctWidthExp) + (k % res.PrecinctsWide)) << (res.PrecinctWidthExp + scale), tileX0);
                    long py = Math.Max((long)((res.Y0 >> res.PrecinctHeightExp) + (k / res.PrecinctsWide)) << (res.PrecinctHeightExp + scale), tileY0);
                    for (int l = 0; l < global.Layers; l++)
                    {
                        (long a, long b) = global.Progression switch
                        {
                            0 => Pack(l, r, c, k),
                            1 => Pack(r, l, c, k),
                            2 => Pack(r, py, px, (c << 16) | l),
                            3 => Pack(py, px, c, (r << 16) | l),
                            _ => Pack(c, py, px, (r << 16) | l),
                        };
                        keyed.Add((a, b, (l, r, c, k)));
                    }
                }
            }
        }

        keyed.Sort((p, q) => p.Key1 != q.Key1 ? p.Key1.CompareTo(q.Key1) : p.Key2.CompareTo(q.Key2));
        return keyed.ConvertAll(e => e.Packet);
    }

    private static (long, long) Pack(long a, long b, long c, long d) => ((a << 32) | b, (c << 32) | d);
}
