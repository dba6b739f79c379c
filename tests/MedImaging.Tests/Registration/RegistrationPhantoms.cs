using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

/// <summary>Small analytic head-like phantoms with off-centre structures (so rotations are well defined) rendered through a known transform (no interpolation involved).</summary>
internal static class RegistrationPhantoms
{
    /// <summary>A coarse 24×26×20 grid (4 × 4 × 4.4 mm) around the phantom, for fast optimizer tests.</summary>
    public static readonly VolumeGeometry SmallGrid = new(new Size3(24, 26, 20), new Vec3(4, 4, 4.4), new Vec3(-47, -51, -42.9));

    /// <summary>T1-like intensities by label (air, skull, white, grey, ventricle, lesion).</summary>
    public static readonly float[] SmallIntensities = [0, 300, 800, 550, 150, 650];

    /// <summary>Tissue label at an LPS point: 0 air, 1 scalp/skull ring, 2 white matter, 3 grey blob, 4 ventricle, 5 lesion.</summary>
    public static int Label(Vec3 p)
    {
        static double E(Vec3 p, Vec3 c, Vec3 r) => Math.Pow((p.X - c.X) / r.X, 2) + Math.Pow((p.Y - c.Y) / r.Y, 2) + Math.Pow((p.Z - c.Z) / r.Z, 2);
        if (E(p, new Vec3(-20, 18, 10), new Vec3(9, 7, 6)) <= 1)
        {
            return 5;
        }

        if (E(p, new Vec3(15, -10, 0), new Vec3(5, 14, 9)) <= 1)
        {
            return 4;
        }

        if (E(p, new Vec3(-10, -22, -10), new Vec3(16, 8, 10)) <= 1)
        {
            return 3;
        }

        double head = E(p, Vec3.Zero, new Vec3(38, 44, 34));
        return head <= 0.8 ? 2 : head <= 1 ? 1 : 0;
    }

    /// <summary>Renders <c>intensity(label(T⁻¹… ))</c>: voxel y holds the tissue at <paramref name="toPhantom"/>(y).</summary>
    public static Volume<float> Render(VolumeGeometry geometry, Func<Vec3, Vec3> toPhantom, float[] intensityByLabel, int noiseSeed)
    {
        var v = new Volume<float>(geometry);
        var rng = new Random(noiseSeed);
        for (int z = 0; z < geometry.Size.Z; z++)
        {
            for (int y = 0; y < geometry.Size.Y; y++)
            {
                for (int x = 0; x < geometry.Size.X; x++)
                {
                    Vec3 p = toPhantom(geometry.TransformIndexToPhysicalPoint(x, y, z));
                    v[x, y, z] = intensityByLabel[Label(p)] + (float)(2.0 * (rng.NextDouble() - 0.5));
                }
            }
        }

        return v;
    }

    /// <summary>Mean distance (mm) between two transforms' images of the 8 corners of <paramref name="g"/>.</summary>
    public static double CornerError(VolumeGeometry g, ITransform a, ITransform b) =>
        g.CornerPoints().Average(c => (a.TransformPoint(c) - b.TransformPoint(c)).Length);
}
