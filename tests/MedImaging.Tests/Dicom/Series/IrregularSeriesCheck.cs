namespace MedImaging.Tests.Dicom.Series;

/// <summary>Checks a volume against the generator's own slices in world space (LPS mm), never against another reader.</summary>
internal static class IrregularSeriesCheck
{
    /// <summary>
    /// For every pixel of the listed slices (<c>Slice</c> = which position, <c>Content</c> = whose pixels were written
    /// there), the volume voxel nearest the pixel's world point: returns the largest distance between the two (mm) and
    /// the number of voxels whose value differs from <paramref name="value"/>(content, column, row).
    /// </summary>
    public static (double MaxDistance, int Mismatches) Slices(Volume volume, IrregularSeries series, IEnumerable<(int Slice, int Content)> slices, Func<int, int, int, double>? value = null)
    {
        value ??= (k, c, r) => IrregularSeries.Value(k, c, r);
        VolumeGeometry g = volume.Geometry;
        double maxDistance = 0;
        int mismatches = 0;
        foreach (var (k, content) in slices)
        {
            for (int r = 0; r < IrregularSeries.Rows; r++)
            {
                for (int c = 0; c < IrregularSeries.Columns; c++)
                {
                    Vec3 p = series.WorldPoint(k, c, r);
                    Vec3 ci = g.TransformPhysicalPointToContinuousIndex(p);
                    var (i, j, l) = ((int)Math.Round(ci.X), (int)Math.Round(ci.Y), (int)Math.Round(ci.Z));
                    if (!g.IsInside(i, j, l))
                    {
                        maxDistance = double.PositiveInfinity;
                        mismatches++;
                        continue;
                    }

                    maxDistance = Math.Max(maxDistance, (g.TransformIndexToPhysicalPoint(i, j, l) - p).Length);
                    if (volume.GetValueAsDouble(i, j, l) != value(content, c, r))
                    {
                        mismatches++;
                    }
                }
            }
        }

        return (maxDistance, mismatches);
    }

    /// <summary>All slices of <paramref name="series"/>, each holding its own pixels.</summary>
    public static IEnumerable<(int, int)> Own(IrregularSeries series, int? count = null) =>
        Enumerable.Range(0, count ?? series.Positions.Count).Select(k => (k, k));

    /// <summary>
    /// Largest |volume − truth| over the output voxels that lie between two neighbouring slices (along the normal) and
    /// inside both slices' pixel centres, where truth interpolates the slices linearly along the normal. Each slice's
    /// values (200·k + 16·r + c) are affine in its pixel coordinates, so bilinear in-plane and linear through-plane
    /// interpolation reproduce the truth exactly there. Returns the count compared too.
    /// </summary>
    public static (double MaxError, int Compared) Interpolated(Volume volume, IrregularSeries series, IReadOnlyList<(int Slice, int Content)> kept)
    {
        Vec3 n = series.Normal;
        (double D, int Slice, int Content)[] along = [.. kept.Select(s => (Vec3.Dot(series.Positions[s.Slice], n), s.Slice, s.Content)).OrderBy(s => s.Item1)];
        VolumeGeometry g = volume.Geometry;
        double maxError = 0;
        int compared = 0;
        for (int z = 0; z < g.Size.Z; z++)
        {
            for (int y = 0; y < g.Size.Y; y++)
            {
                for (int x = 0; x < g.Size.X; x++)
                {
                    Vec3 p = g.TransformIndexToPhysicalPoint(x, y, z);
                    double d = Vec3.Dot(p, n);
                    int b = Array.FindIndex(along, a => a.D >= d - 1e-9);
                    if (b < 0 || (b == 0 && d < along[0].D - 1e-9))
                    {
                        continue;
                    }

                    int a0 = Math.Max(0, b - 1);
                    double t = b == a0 ? 0 : (d - along[a0].D) / (along[b].D - along[a0].D);
                    if (!InPlane(series, along[a0].Slice, p, out double c0, out double r0) || !InPlane(series, along[b].Slice, p, out double c1, out double r1))
                    {
                        continue;
                    }

                    double truth = (1 - t) * (200 * along[a0].Content + 16 * r0 + c0) + t * (200 * along[b].Content + 16 * r1 + c1);
                    maxError = Math.Max(maxError, Math.Abs(volume.GetValueAsDouble(x, y, z) - truth));
                    compared++;
                }
            }
        }

        return (maxError, compared);
    }

    private static bool InPlane(IrregularSeries series, int k, Vec3 p, out double c, out double r)
    {
        Vec3 q = p - series.Positions[k];
        c = Vec3.Dot(q, series.Row) / IrregularSeries.ColumnSpacing;
        r = Vec3.Dot(q, series.Column) / IrregularSeries.RowSpacing;
        // 1e-9 pixel: points on the border pixel centres count as inside despite double rounding.
        return c >= -1e-9 && c <= IrregularSeries.Columns - 1 + 1e-9 && r >= -1e-9 && r <= IrregularSeries.Rows - 1 + 1e-9;
    }
}
