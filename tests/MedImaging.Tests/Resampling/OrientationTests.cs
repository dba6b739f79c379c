using MedImaging.Resampling;

namespace MedImaging.Tests.Resampling;

[TestFixture]
public class OrientationTests
{
    /// <summary>All 48 axis-aligned orientation codes: 6 axis orders × 8 sign choices.</summary>
    internal static IEnumerable<string> AllCodes()
    {
        string[] pairs = ["LR", "PA", "SI"];
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (int[] order in orders)
        {
            for (int signs = 0; signs < 8; signs++)
            {
                yield return string.Concat(Enumerable.Range(0, 3).Select(j => pairs[order[j]][(signs >> j) & 1]));
            }
        }
    }

    private static Volume<short> Labelled(Mat3 direction)
    {
        var v = new Volume<short>(new VolumeGeometry(new Size3(4, 3, 2), new Vec3(0.5, 0.75, 2.5), new Vec3(10, -20, 30), direction));
        for (int i = 0; i < v.Voxels.Length; i++)
        {
            v.Voxels[i] = (short)(i * 7 + 1);
        }

        return v;
    }

    [Test]
    public void AllCodes_Has48DistinctValidCodes()
    {
        var codes = AllCodes().ToList();
        Assert.That(codes.Distinct().Count(), Is.EqualTo(48));
        Assert.That(codes.Select(c => OrientationCode.Parse(c).Code), Is.EqualTo(codes));
    }

    [Test]
    public void Orient_LpsToRasAndBack_VoxelIdenticalCornersUnchanged()
    {
        var oblique = Mat3.FromColumns(new Vec3(0.96, 0.28, 0), new Vec3(-0.28, 0.96, 0), new Vec3(0, 0, 1));
        Volume<short> lps = Labelled(oblique);
        Volume<short> ras = Orientation.Orient(lps, "RAS");
        Assert.That(OrientationCode.FromDirection(ras.Geometry.Direction).Code, Is.EqualTo("RAS"));

        // Exactly the negated first two columns: no snapping of the oblique direction.
        Assert.That(ras.Geometry.Direction.Column(0), Is.EqualTo(-oblique.Column(0)));
        Volume<short> back = Orientation.Orient(ras, "LPS");
        Assert.That(back.Voxels.ToArray(), Is.EqualTo(lps.Voxels.ToArray()));
        Assert.That(back.Geometry.Direction, Is.EqualTo(lps.Geometry.Direction));

        // Corner positions: a few roundings of sums of ~30 mm values, 1e-12 mm.
        Vec3[] expected = lps.Geometry.CornerPoints(), actual = back.Geometry.CornerPoints();
        for (int c = 0; c < 8; c++)
        {
            Assert.That(Vec3.MaxAbsDifference(actual[c], expected[c]), Is.LessThan(1e-12), $"corner {c}");
        }

        // The RAS volume occupies the same world box.
        (Vec3 min, Vec3 max) = lps.Geometry.BoundingBox();
        (Vec3 rasMin, Vec3 rasMax) = ras.Geometry.BoundingBox();
        Assert.That(Vec3.MaxAbsDifference(min, rasMin) + Vec3.MaxAbsDifference(max, rasMax), Is.LessThan(1e-12));
    }

    [Test]
    public void Orient_Every48To48_GivesTargetCodeAndKeepsEveryVoxelInPlace()
    {
        foreach (string from in AllCodes())
        {
            Volume<short> input = Labelled(OrientationCode.Parse(from).ToDirection());
            foreach (string to in AllCodes())
            {
                Volume<short> output = Orientation.Orient(input, to);
                Assert.That(OrientationCode.FromDirection(output.Geometry.Direction).Code, Is.EqualTo(to), $"{from} -> {to}");
                AssertSameWorld(input, output, $"{from} -> {to}");
            }
        }
    }

    [Test]
    public void PermuteAxes_And_Flip_KeepWorldPositions()
    {
        Volume<short> input = Labelled(Mat3.Identity);
        Volume<short> permuted = Orientation.PermuteAxes(input, [2, 0, 1]);
        Assert.That(permuted.Size, Is.EqualTo(new Size3(2, 4, 3)));
        Assert.That(permuted.Geometry.Spacing, Is.EqualTo(new Vec3(2.5, 0.5, 0.75)));
        Assert.That(permuted[1, 3, 2], Is.EqualTo(input[3, 2, 1]));
        AssertSameWorld(input, permuted, "permute");

        Volume<short> flipped = Orientation.Flip(input, true, false, true);
        Assert.That(flipped[0, 0, 0], Is.EqualTo(input[3, 0, 1]));
        AssertSameWorld(input, flipped, "flip");
        Assert.Throws<ArgumentException>(() => Orientation.PermuteAxes(input, [0, 0, 1]));
        Assert.Throws<ArgumentException>(() => Orientation.Orient(input, "RAR"));
    }

    private static void AssertSameWorld(Volume<short> input, Volume<short> output, string what)
    {
        Size3 s = output.Size;
        for (int z = 0; z < s.Z; z++)
        {
            for (int y = 0; y < s.Y; y++)
            {
                for (int x = 0; x < s.X; x++)
                {
                    (int i, int j, int k) = input.Geometry.TransformPhysicalPointToIndex(output.Geometry.TransformIndexToPhysicalPoint(x, y, z));
                    Assert.That(output[x, y, z], Is.EqualTo(input[i, j, k]), $"{what} at ({x}, {y}, {z})");
                }
            }
        }
    }
}
