namespace MedImaging.Tests.Dicom.Series;

/// <summary>
/// Compares two volumes in world space (LPS mm), the way a reference NIfTI must be compared with a DICOM read:
/// the reference may store rows bottom-up or permute axes (dcm2niix does), so indices are never compared directly.
/// </summary>
internal static class WorldSpace
{
    /// <summary>
    /// Corner tolerance against dcm2niix outputs, mm. MANIFEST: their geometry agrees with the DICOM headers to
    /// &lt; 0.001 mm; NIfTI's float32 affine adds ~1e-5 relative on coordinates up to ~250 mm: 0.01 mm (the design's bound).
    /// </summary>
    public const double CornerTolerance = 0.01;

    /// <summary>Each of our 8 corner voxel centres has a reference corner within <paramref name="tolerance"/> mm.</summary>
    public static double MaxCornerDistance(VolumeGeometry ours, VolumeGeometry reference)
    {
        Vec3[] theirs = reference.CornerPoints();
        return ours.CornerPoints().Max(p => theirs.Min(q => (p - q).Length));
    }

    /// <summary>
    /// For every voxel of <paramref name="ours"/>, the reference voxel at the same world point (its continuous index
    /// must be within <paramref name="indexTolerance"/> of an integer) holds <paramref name="map"/>(our value): exactly, or within
    /// <paramref name="absoluteTolerance"/> + <paramref name="relativeTolerance"/> × |reference| when given; returns the count compared.
    /// </summary>
    public static long AssertSameValues(Volume ours, Volume reference, Func<double, double>? map = null, double relativeTolerance = 0, double absoluteTolerance = 0, double indexTolerance = 1e-3)
    {
        map ??= v => v;
        VolumeGeometry g = ours.Geometry, r = reference.Geometry;
        long compared = 0;
        for (int z = 0; z < g.Size.Z; z++)
        {
            for (int y = 0; y < g.Size.Y; y++)
            {
                for (int x = 0; x < g.Size.X; x++)
                {
                    Vec3 c = r.TransformPhysicalPointToContinuousIndex(g.TransformIndexToPhysicalPoint(x, y, z));
                    var (i, j, k) = ((int)Math.Round(c.X), (int)Math.Round(c.Y), (int)Math.Round(c.Z));
                    // NIfTI stores its affine in float32: the default 1e-3 voxel absorbs that rounding on ~250 mm coordinates.
                    if (Math.Abs(c.X - i) > indexTolerance || Math.Abs(c.Y - j) > indexTolerance || Math.Abs(c.Z - k) > indexTolerance || !r.IsInside(i, j, k))
                    {
                        Assert.Fail($"our voxel ({x}, {y}, {z}) falls at reference index {c}, not on a reference voxel");
                    }

                    double expected = reference.GetValueAsDouble(i, j, k);
                    double actual = map(ours.GetValueAsDouble(x, y, z));
                    if (Math.Abs(actual - expected) > absoluteTolerance + relativeTolerance * Math.Abs(expected))
                    {
                        Assert.Fail($"voxel ({x}, {y}, {z}): ours {actual}, reference {expected} at ({i}, {j}, {k})");
                    }

                    compared++;
                }
            }
        }

        return compared;
    }
}
