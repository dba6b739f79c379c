using MedImaging.IO;

namespace MedImaging.Benchmarks.Filters;

/// <summary>
/// The generated phantoms (MEDIMG_SHARED, default /work/shared) used by the segmentation benchmarks; a synthetic
/// CT-like volume of the same size when they are absent, so the benchmarks always build and run.
/// </summary>
internal static class SegmentationInputs
{
    private static string Generated(string name)
    {
        string shared = Environment.GetEnvironmentVariable("MEDIMG_SHARED") is { Length: > 0 } s ? s : "/work/shared";
        return Path.Combine(shared, "reference", "data", "generated", name);
    }

    /// <summary>ct_phantom.nii.gz (512×512×128 int16) or a synthetic stand-in.</summary>
    public static Volume<short> Ct() => File.Exists(Generated("ct_phantom.nii.gz"))
        ? ImageFile.Read(Generated("ct_phantom.nii.gz")).As<short>()
        : Synthetic(p => (short)(p < 0.3 ? -1000 : 40));

    /// <summary>A generated mask (e.g. ct_liver_holes.nii.gz) or an ellipsoid stand-in.</summary>
    public static Volume<byte> Mask(string name, double fraction) => File.Exists(Generated(name))
        ? ImageFile.Read(Generated(name)).As<byte>()
        : Synthetic(p => p < fraction ? (byte)1 : (byte)0);

    private static Volume<T> Synthetic<T>(Func<double, T> value)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var volume = new Volume<T>(new VolumeGeometry(new Size3(512, 512, 128), new Vec3(0.7, 0.7, 5), Vec3.Zero));
        for (int z = 0; z < 128; z++)
        {
            for (int y = 0; y < 512; y++)
            {
                for (int x = 0; x < 512; x++)
                {
                    double r = Math.Pow((x - 256) / 200.0, 2) + Math.Pow((y - 256) / 150.0, 2) + Math.Pow((z - 64) / 50.0, 2);
                    volume[x, y, z] = value(r);
                }
            }
        }

        return volume;
    }
}
