using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Tests.Robustness;

/// <summary>
/// Ways to damage one slice of a DICOM series folder, as an interrupted copy, a PACS export or a broken disk does:
/// cuts at each structural boundary of the file, length fields, sizes, positions, orientations, transfer syntax,
/// rescale, duplicated, missing and unreadable files. Each fault damages the file <c>victim</c> of a copy of a series.
/// </summary>
public static class FaultyFolders
{
    /// <summary>What the reader must make of a fault.</summary>
    public enum Expect
    {
        /// <summary>The victim is left out and named in the report's skipped files; the other slices are read unchanged.</summary>
        Skipped,

        /// <summary>The victim is gone (deleted): the other slices are read unchanged, the gap is reported.</summary>
        Missing,

        /// <summary>A second copy of the victim: the victim's slice is read, the copy named in the skipped files.</summary>
        CopySkipped,
    }

    /// <summary>One way to damage a folder.</summary>
    /// <param name="Name">Short name, used in test names.</param>
    /// <param name="Damage">Damages the folder; gets the victim file's path; returns the file that must be named.</param>
    /// <param name="Expected">What the reader must make of it.</param>
    /// <param name="Damaged">True when <c>--on-bad-file error</c> must fail on it (false for a file split into its own
    /// series or an identical copy, which are not damage).</param>
    public sealed record Fault(string Name, Func<string, string> Damage, Expect Expected, bool Damaged = true)
    {
        public override string ToString() => Name;
    }

    /// <summary>Every fault of the suite.</summary>
    public static IEnumerable<Fault> All()
    {
        yield return Bytes("empty file", b => []);
        // Not DICOM any more (no preamble and DICM, no element at the start): skipped and named, but a file that is not
        // DICOM is not "damaged", so --on-bad-file error does not fail on it (nor on a README next to the series).
        yield return Bytes("cut in the preamble", b => b[..100]) with { Damaged = false };
        yield return Bytes("cut after DICM", b => b[..132]);
        yield return Bytes("cut in the file meta", b => b[..150]);
        yield return Bytes("cut in the dataset", b => b[..(PixelTag(b) / 2)]);
        yield return Bytes("cut before Pixel Data", b => b[..PixelTag(b)]);
        yield return Bytes("cut in the Pixel Data header", b => b[..(PixelTag(b) + 6)]);
        yield return Bytes("cut in the pixels", b => b[..(PixelTag(b) + 12 + 100)]);
        yield return Bytes("last byte cut", b => b[..^1]);
        yield return Bytes("Pixel Data length 2 GiB", b => PixelLength(b, 0x7FFF_FFF0));
        yield return Bytes("Pixel Data length odd", b => PixelLength(b, (uint)(b.Length - PixelTag(b) - 12 - 3)));
        yield return Bytes("random bytes", b => [.. Enumerable.Range(0, b.Length).Select(i => (byte)(i * 7919 % 251))]) with { Damaged = false };
        yield return Bytes("transfer syntax big endian", b => Replace(b, "1.2.840.10008.1.2.1\0", "1.2.840.10008.1.2.2\0"));
        yield return Header("Rows 2", ds => UShort(ds, DicomTag.Rows, 2), damaged: false);
        yield return Header("Columns one fewer", ds => UShort(ds, DicomTag.Columns, ds.GetInt32OrDefault(DicomTag.Columns, 2) - 1), damaged: false);
        yield return Header("BitsAllocated 8", ds => UShort(ds, DicomTag.BitsAllocated, 8), damaged: false);
        yield return Header("BitsStored 40", ds => UShort(ds, DicomTag.BitsStored, 40));
        yield return Header("no ImagePositionPatient", ds => ds.Remove(DicomTag.ImagePositionPatient), damaged: false);
        yield return Header("ImagePositionPatient 100 m away", ds => Text(ds, DicomTag.ImagePositionPatient, "0\\0\\99999"));
        yield return Header("ImagePositionPatient 5 m sideways", ds => Shift(ds, 5000));
        yield return Header("ImageOrientationPatient 0.26 deg off", ds => Text(ds, DicomTag.ImageOrientationPatient, "1\\0\\0\\0\\0.99999\\0.0045"), damaged: false);
        yield return Header("ImageOrientationPatient sagittal", ds => Text(ds, DicomTag.ImageOrientationPatient, "0\\1\\0\\0\\0\\-1"), damaged: false);
        yield return Header("ImageOrientationPatient degenerate", ds => Text(ds, DicomTag.ImageOrientationPatient, "1\\0\\0\\1\\0\\0"), damaged: false);
        yield return Header("RescaleSlope 0", ds => Text(ds, DicomTag.RescaleSlope, "0"));
        yield return Header("RescaleSlope overflows", ds => Text(ds, DicomTag.RescaleSlope, "1e999"));
        yield return Header("RescaleIntercept text", ds => Text(ds, DicomTag.RescaleIntercept, "abc"));
        yield return new Fault("deleted", victim =>
        {
            File.Delete(victim);
            return victim;
        }, Expect.Missing, Damaged: false);
        yield return new Fault("dangling symbolic link", victim =>
        {
            File.Delete(victim);
            File.CreateSymbolicLink(victim, Path.Combine(Path.GetTempPath(), "no-such-medimg-file", "x.dcm"));
            return victim;
        }, Expect.Skipped);
        yield return new Fault("identical copy", victim => Copy(victim, b => b), Expect.CopySkipped, Damaged: false);
        yield return new Fault("copy with other pixels", victim => Copy(victim, b =>
        {
            byte[] changed = (byte[])b.Clone();
            changed[^2] ^= 0x01;
            return changed;
        }), Expect.CopySkipped, Damaged: false);
        yield return new Fault("truncated copy", victim => Copy(victim, b => b[..(b.Length / 2)]), Expect.CopySkipped);
        if (!OperatingSystem.IsWindows())
        {
            yield return new Fault("FIFO instead of a file", victim =>
            {
                File.Delete(victim);
                using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [victim]);
                mkfifo.WaitForExit();
                return victim;
            }, Expect.Skipped);
        }
    }

    /// <summary>Copies <paramref name="folder"/> (files only) to <paramref name="destination"/>.</summary>
    public static void CopyFolder(string folder, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    private static Fault Bytes(string name, Func<byte[], byte[]> change) => new(name, victim =>
    {
        File.WriteAllBytes(victim, change(File.ReadAllBytes(victim)));
        return victim;
    }, Expect.Skipped);

    private static Fault Header(string name, Action<DicomDataset> change, bool damaged = true) => new(name, victim =>
    {
        DicomFile file = DicomFile.Open(victim);
        DicomDataset ds = file.Dataset;
        change(ds);
        DicomWriter.Write(victim, ds);
        return victim;
    }, Expect.Skipped, damaged);

    private static string Copy(string victim, Func<byte[], byte[]> change)
    {
        string copy = victim + "_copy";
        File.WriteAllBytes(copy, change(File.ReadAllBytes(victim)));
        return copy;
    }

    /// <summary>Offset of the (last) Pixel Data tag (7FE0,0010) in a little-endian file.</summary>
    private static int PixelTag(byte[] b)
    {
        for (int i = b.Length - 4; i >= 0; i--)
        {
            if (b[i] == 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0x00)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no Pixel Data tag");
    }

    /// <summary>Sets the Pixel Data value length (explicit VR OB/OW: 4 bytes after the reserved 2).</summary>
    private static byte[] PixelLength(byte[] b, uint length)
    {
        byte[] changed = (byte[])b.Clone();
        int tag = PixelTag(changed);
        int field = changed[tag + 4] == 'O' ? tag + 8 : tag + 4;
        BitConverter.GetBytes(length).CopyTo(changed, field);
        return changed;
    }

    private static byte[] Replace(byte[] b, string from, string to)
    {
        byte[] pattern = Encoding.ASCII.GetBytes(from);
        int at = b.AsSpan().IndexOf(pattern);
        if (at < 0 || from.Length != to.Length)
        {
            throw new InvalidOperationException($"'{from.TrimEnd('\0')}' not found");
        }

        byte[] changed = (byte[])b.Clone();
        Encoding.ASCII.GetBytes(to).CopyTo(changed, at);
        return changed;
    }

    private static void Shift(DicomDataset ds, double dx)
    {
        double[] p = ds.GetDoubles(DicomTag.ImagePositionPatient);
        Text(ds, DicomTag.ImagePositionPatient, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p[0] + dx}\\{p[1]}\\{p[2]}"));
    }

    private static void Text(DicomDataset ds, DicomTag tag, string value)
    {
        DicomVR vr = ds.GetElement(tag)?.VR ?? DicomVR.DS;
        byte[] bytes = Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + " ");
        ds.AddOrReplace(new DicomElement(tag, vr, bytes));
    }

    private static void UShort(DicomDataset ds, DicomTag tag, int value) =>
        ds.AddOrReplace(new DicomElement(tag, DicomVR.US, BitConverter.GetBytes((ushort)value)));
}
