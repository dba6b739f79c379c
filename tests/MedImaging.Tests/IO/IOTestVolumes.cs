using MedImaging.IO;

namespace MedImaging.Tests.IO;

/// <summary>Test volumes and geometry assertions for the format tests.</summary>
internal static class IOTestVolumes
{
    /// <summary>
    /// NIfTI-1 stores pixdim, quaternion and srow as float32: relative error 6e-8 on a −702.5 mm origin is 4e-5 mm,
    /// under the 1e-4 mm bound. MetaImage writes every double in round-trip form: exact. NRRD stores
    /// spacing × direction, and recovering the spacing as a vector norm on an oblique axis costs a few ulps.
    /// </summary>
    public static double ToleranceFor(string path) => ImageFileFormats.FromPath(path) switch
    {
        ImageFileFormat.Nifti or ImageFileFormat.NiftiGz or ImageFileFormat.NiftiPair => 1e-4,
        ImageFileFormat.MetaImage or ImageFileFormat.MetaImageHeader => 0,
        _ => 1e-12,
    };

    /// <summary>A geometry with an oblique direction (rotations about z and x), CT-like spacing and origin.</summary>
    public static VolumeGeometry ObliqueGeometry(Size3 size)
    {
        double a = 0.3, b = -0.2;
        var rz = new Mat3(Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a), 0, 0, 0, 1);
        var rx = new Mat3(1, 0, 0, 0, Math.Cos(b), -Math.Sin(b), 0, Math.Sin(b), Math.Cos(b));
        return new VolumeGeometry(size, new Vec3(0.7, 1.3, 2.5), new Vec3(-179.3, 20.6, -702.5), rz * rx);
    }

    /// <summary>A volume of seeded random bytes (every bit pattern of the type can occur).</summary>
    public static Volume Random(PixelType type, VolumeGeometry geometry, int seed)
    {
        Volume volume = Volume.Create(type, geometry);
        new Random(seed).NextBytes(volume.AsBytes());
        return volume;
    }

    /// <summary>Spacing and origin within <paramref name="millimetres"/>, direction within 1e-6 (or the mm bound when smaller).</summary>
    public static void AssertGeometry(VolumeGeometry actual, VolumeGeometry expected, double millimetres)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Size, Is.EqualTo(expected.Size));
            Assert.That(Vec3.MaxAbsDifference(actual.Spacing, expected.Spacing), Is.LessThanOrEqualTo(millimetres), "spacing");
            Assert.That(Vec3.MaxAbsDifference(actual.Origin, expected.Origin), Is.LessThanOrEqualTo(millimetres), "origin");
            Assert.That(Mat3.MaxAbsDifference(actual.Direction, expected.Direction), Is.LessThanOrEqualTo(Math.Min(1e-6, millimetres)), "direction");
        });
    }
}
