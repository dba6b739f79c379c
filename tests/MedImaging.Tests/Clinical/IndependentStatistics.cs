namespace MedImaging.Tests.Clinical;

/// <summary>
/// Label statistics written out plainly (one loop, a sort for the median, index-space box), to check the report
/// without going through <c>ImageMeasurements</c>.
/// </summary>
internal sealed record IndependentStatistics(long Count, double Mean, double Sd, double Min, double Max, double Median, Vec3 Centroid,
    int[] BoxIndex, int[] BoxSize)
{
    public static IndependentStatistics Of(Volume<short> image, Volume<int> labels, int label)
    {
        var values = new List<double>();
        double sx = 0, sy = 0, sz = 0;
        int[] lo = [int.MaxValue, int.MaxValue, int.MaxValue], hi = [-1, -1, -1];
        Size3 size = image.Size;
        for (int z = 0; z < size.Z; z++)
        {
            for (int y = 0; y < size.Y; y++)
            {
                for (int x = 0; x < size.X; x++)
                {
                    if (labels[x, y, z] != label)
                    {
                        continue;
                    }

                    values.Add(image[x, y, z]);
                    sx += x;
                    sy += y;
                    sz += z;
                    int[] index = [x, y, z];
                    for (int a = 0; a < 3; a++)
                    {
                        lo[a] = Math.Min(lo[a], index[a]);
                        hi[a] = Math.Max(hi[a], index[a]);
                    }
                }
            }
        }

        int n = values.Count;
        double mean = values.Sum() / n;
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        values.Sort();
        double median = n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
        Vec3 centroid = image.Geometry.TransformContinuousIndexToPhysicalPoint(new Vec3(sx / n, sy / n, sz / n));
        return new IndependentStatistics(n, mean, sd, values[0], values[^1], median, centroid, lo,
            [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1]);
    }
}
