using System.Numerics;
using MedImaging.Dicom.Series;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>Volumes with known analytic content for the series writer tests, and a voxel-to-double view.</summary>
internal static class WrittenSeries
{
    /// <summary>An oblique direction: a rotation of 30° about z then 20° about x (orthonormal, right-handed).</summary>
    public static Mat3 Oblique()
    {
        double a = Math.PI / 6;
        double b = Math.PI / 9;
        var rz = new Mat3(Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a), 0, 0, 0, 1);
        var rx = new Mat3(1, 0, 0, 0, Math.Cos(b), -Math.Sin(b), 0, Math.Sin(b), Math.Cos(b));
        return rx * rz;
    }

    /// <summary>7×5×4 int16 CT in HU, value = −1024 + 37·x + 101·y + 503·z (spans −1024..1599), oblique, shifted origin.</summary>
    public static Volume<short> Ct()
    {
        var geometry = new VolumeGeometry(new Size3(7, 5, 4), new Vec3(0.7, 0.8, 1.25), new Vec3(-123.456789, 45.678901, 78.901234), Oblique());
        var volume = new Volume<short>(geometry);
        Fill(volume, (x, y, z) => -1024 + 37 * x + 101 * y + 503 * z);
        return volume;
    }

    /// <summary>6×4×3 uint16 MR covering 0..65535 (value = 65535 at the last voxel), identity direction.</summary>
    public static Volume<ushort> Mr()
    {
        var geometry = new VolumeGeometry(new Size3(6, 4, 3), new Vec3(1.5, 1.5, 3), new Vec3(10, -20, 30));
        var volume = new Volume<ushort>(geometry);
        Fill(volume, (x, y, z) => x + 6 * y + 24 * z == 71 ? 65535 : 900 * (x + 6 * y + 24 * z));
        return volume;
    }

    public static void Fill<T>(Volume<T> volume, Func<int, int, int, double> value)
        where T : unmanaged, INumber<T>
    {
        for (int z = 0; z < volume.Size.Z; z++)
        {
            for (int y = 0; y < volume.Size.Y; y++)
            {
                for (int x = 0; x < volume.Size.X; x++)
                {
                    volume[x, y, z] = T.CreateChecked(value(x, y, z));
                }
            }
        }
    }

    public static double[] Values(Volume volume) => volume.Accept(new ToDoubles());

    public static DicomSeriesWriteOptions Options(DicomSeriesModality modality) =>
        new() { Modality = modality, SeriesNumber = 42, SeriesDescription = "writer test", PatientName = "Müller^Jürgen", PatientId = "P-1", UidRoot = "1.2.826.0.1.3680043.2.1125.9" };

    private sealed class ToDoubles : IVolumeVisitor<double[]>
    {
        public double[] Visit<T>(Volume<T> volume)
            where T : unmanaged, INumber<T>
        {
            ReadOnlySpan<T> voxels = volume.Voxels;
            var result = new double[voxels.Length];
            for (int i = 0; i < voxels.Length; i++)
            {
                result[i] = double.CreateTruncating(voxels[i]);
            }

            return result;
        }
    }
}
