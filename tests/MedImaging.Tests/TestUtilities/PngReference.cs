using System.Text.Json;

namespace MedImaging.Tests.TestUtilities;

/// <summary>
/// Decodes PNG files with tools we did not write: Pillow (Debian's python3-pil) for the pixels, Python's zlib for
/// every chunk's CRC-32 and the scanline filter bytes, numpy for an independent copy of libpng's adaptive filter
/// heuristic, and pngcheck when it is installed. Skips the test when python3 with PIL and numpy is absent.
/// </summary>
internal static class PngReference
{
    private const string Python = "/usr/bin/python3";

    // For each PNG: walks the chunks (CRC via zlib.crc32), inflates the IDAT stream, reads each row's filter byte,
    // decodes with PIL into <png>.raw (uint8, or little-endian uint16 for 16-bit), and recomputes libpng's
    // minimum-sum-of-absolute-differences choice from the decoded pixels with numpy.
    private const string Script = """
        import sys, json, zlib, struct
        import numpy as np
        from PIL import Image
        def paeth(a, b, c):
            p = a + b - c
            pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
            return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))
        out = []
        for path in sys.argv[1:]:
            data = open(path, 'rb').read()
            pos, chunks, crc_ok, idat = 8, [], True, b''
            while pos < len(data):
                n = struct.unpack('>I', data[pos:pos + 4])[0]
                t, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
                crc = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0]
                crc_ok = crc_ok and (zlib.crc32(t + body) & 0xFFFFFFFF) == crc
                chunks.append(t.decode('ascii'))
                if t == b'IDAT':
                    idat += body
                pos += 12 + n
            w, h, depth, ctype = struct.unpack('>IIBB', data[16:26])
            bpp = {0: 1, 2: 3, 6: 4}[ctype] * depth // 8
            raw = zlib.decompress(idat)
            stride = w * bpp + 1
            filters = [raw[y * stride] for y in range(h)]
            img = Image.open(path)
            img.load()
            a = np.asarray(img)
            a.astype('<u2' if depth == 16 else 'u1').tofile(path + '.raw')
            rows = a.astype('>u2' if depth == 16 else 'u1').reshape(h, -1)
            rows = np.frombuffer(rows.tobytes(), dtype=np.uint8).reshape(h, -1).astype(np.int32)
            expected, above = [], np.zeros(rows.shape[1], np.int32)
            for y in range(h):
                x = rows[y]
                left = np.concatenate([np.zeros(bpp, np.int32), x[:-bpp]])
                upleft = np.concatenate([np.zeros(bpp, np.int32), above[:-bpp]])
                cands = [x, x - left, x - above, x - (left + above) // 2, x - paeth(left, above, upleft)]
                costs = [int(np.minimum(c % 256, 256 - c % 256).sum()) for c in cands]
                expected.append(int(np.argmin(costs)))
                above = x
            out.append({'mode': img.mode, 'width': img.size[0], 'height': img.size[1], 'depth': depth,
                        'color_type': ctype, 'chunks': chunks, 'crc_ok': crc_ok, 'filters': filters,
                        'adaptive': expected})
        print(json.dumps(out))
        """;

    /// <summary>What the reference tools saw in one PNG; <see cref="Raw"/> holds the decoded samples.</summary>
    public sealed record Decoded(string Mode, int Width, int Height, int Depth, int ColorType, string[] Chunks,
        bool CrcOk, int[] Filters, int[] AdaptiveChoice, byte[] Raw);

    /// <summary>Python with PIL and numpy, or skips the test.</summary>
    public static void RequirePil()
    {
        if (!File.Exists(Python) || ExternalTool.Run(Python, ["-c", "import PIL, numpy"]).ExitCode != 0)
        {
            Assert.Ignore($"{Python} with PIL (python3-pil) and numpy is not present");
        }
    }

    /// <summary>Decodes every file in one Python run (skips the test when PIL is absent).</summary>
    public static Decoded[] Decode(IReadOnlyList<string> paths)
    {
        RequirePil();
        (int code, string stdout, string stderr) = ExternalTool.Run(Python, ["-c", Script, .. paths]);
        Assert.That(code, Is.Zero, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.EnumerateArray().Select((e, i) => new Decoded(
            e.GetProperty("mode").GetString()!,
            e.GetProperty("width").GetInt32(),
            e.GetProperty("height").GetInt32(),
            e.GetProperty("depth").GetInt32(),
            e.GetProperty("color_type").GetInt32(),
            [.. e.GetProperty("chunks").EnumerateArray().Select(c => c.GetString()!)],
            e.GetProperty("crc_ok").GetBoolean(),
            [.. e.GetProperty("filters").EnumerateArray().Select(c => c.GetInt32())],
            [.. e.GetProperty("adaptive").EnumerateArray().Select(c => c.GetInt32())],
            File.ReadAllBytes(paths[i] + ".raw")))];
    }

    /// <summary>pngcheck's verdict on a file (exit code 0 = valid), or null when pngcheck is not installed.</summary>
    public static (int ExitCode, string Output)? PngCheck(string path)
    {
        const string tool = "/usr/bin/pngcheck";
        if (!File.Exists(tool))
        {
            return null;
        }

        (int code, string stdout, string stderr) = ExternalTool.Run(tool, ["-v", path]);
        return (code, stdout + stderr);
    }
}
