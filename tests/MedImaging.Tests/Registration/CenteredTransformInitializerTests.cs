using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

public class CenteredTransformInitializerTests
{
    private static readonly VolumeGeometry Ch2 = new(new Size3(181, 217, 181), Vec3.One, new Vec3(90, 125, -71), Mat3.Diagonal(new Vec3(-1, -1, 1)));

    [Test]
    public void Geometry_Ch2_CenterAsItkRegister()
    {
        // ITK 5.2's CenteredTransformInitializer (GeometryOn) in `itkref register ch2 ch2_moved` reports fixed
        // parameters [0, 17, 19, 0]; ch2's grid is 181×217×181, 1 mm, origin (90, 125, −71) LPS, direction diag(−1, −1, 1).
        Euler3DTransform t = CenteredTransformInitializer.Execute(Ch2, Ch2, new Euler3DTransform());
        Assert.That(t.FixedParameters, Is.EqualTo(new[] { 0.0, 17, 19, 0 }));
        Assert.That(t.Parameters, Is.EqualTo(new double[6]));
    }

    [Test]
    public void Geometry_TranslationIsMovingCenterMinusFixedCenter_RotationKept()
    {
        var moving = new VolumeGeometry(new Size3(11, 21, 5), new Vec3(2, 0.5, 4), new Vec3(-3, 7, 100));
        var start = new Euler3DTransform(Vec3.Zero, 0.1, 0.2, 0.3, new Vec3(9, 9, 9));
        Euler3DTransform t = CenteredTransformInitializer.Execute(Ch2, moving, start);
        // Moving centre: origin + spacing·(size − 1)/2 = (−3 + 10, 7 + 5, 100 + 8) = (7, 12, 108); fixed centre (0, 17, 19).
        Assert.That(t.Center, Is.EqualTo(new Vec3(0, 17, 19)));
        Assert.That(t.Translation, Is.EqualTo(new Vec3(7, -5, 89)));
        Assert.That((t.AngleX, t.AngleY, t.AngleZ), Is.EqualTo((0.1, 0.2, 0.3)));
        Assert.That(start.Translation, Is.EqualTo(new Vec3(9, 9, 9)), "the input transform is not modified (SimpleITK returns a copy)");
    }

    [Test]
    public void CenterOfGravity_TwoVoxels_IsWeightedMean()
    {
        var geometry = new VolumeGeometry(new Size3(4, 3, 2), new Vec3(2, 1, 3), new Vec3(10, 20, 30), Mat3.Diagonal(new Vec3(-1, -1, 1)));
        var image = new Volume<short>(geometry);
        image[1, 1, 0] = 1;
        image[3, 1, 1] = 3;
        // Index centre ((1·1 + 3·3)/4, 1, (0 + 3)/4) = (2.5, 1, 0.75); point = origin + diag(−1, −1, 1)·(2·2.5, 1·1, 3·0.75).
        Vec3 c = CenteredTransformInitializer.CenterOfGravity(image);
        Assert.That(c, Is.EqualTo(new Vec3(10 - 5, 20 - 1, 30 + 2.25)));
    }

    [Test]
    public void Moments_TranslationBetweenBlobs()
    {
        var geometry = new VolumeGeometry(new Size3(20, 20, 20), new Vec3(1, 1, 2), new Vec3(0, 0, 0));
        var fixedImage = new Volume<float>(geometry);
        var movingImage = new Volume<float>(geometry);
        FillCube(fixedImage, 5, 5, 5, 3);
        FillCube(movingImage, 8, 4, 9, 3);
        Similarity3DTransform t = CenteredTransformInitializer.Execute(fixedImage, movingImage, new Similarity3DTransform(),
            CenteredTransformInitializerMode.Moments);
        // A 3³ cube starting at index (a, b, c) has its centre at (a + 1, b + 1, c + 1): fixed (6, 6, 6), moving (9, 5, 10)
        // in index space, spacing (1, 1, 2) mm. Sums of small integers are exact.
        Assert.That(t.Center, Is.EqualTo(new Vec3(6, 6, 12)));
        Assert.That(t.Translation, Is.EqualTo(new Vec3(3, -1, 8)));
    }

    [Test]
    public void Moments_SameResultForOneAndTwoThreads()
    {
        var geometry = new VolumeGeometry(new Size3(37, 29, 23), new Vec3(0.7, 0.7, 5), new Vec3(-179.3, -200.6, -702.5));
        var image = new Volume<float>(geometry);
        var random = new Random(7);
        foreach (ref float v in image.Voxels)
        {
            v = (float)(random.NextDouble() * 1000 - 100);
        }

        Vec3 one = CenteredTransformInitializer.CenterOfGravity(image, new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        Vec3 two = CenteredTransformInitializer.CenterOfGravity(image, new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(two, Is.EqualTo(one));
    }

    [Test]
    public void Moments_ZeroMass_ThrowsNamingImage()
    {
        var geometry = new VolumeGeometry(new Size3(4, 4, 4));
        var blank = new Volume<byte>(geometry);
        var e = Assert.Throws<MedImagingException>(() =>
            CenteredTransformInitializer.Execute(blank, blank, new Euler3DTransform(), CenteredTransformInitializerMode.Moments));
        Assert.That(e!.Message, Does.Contain("fixed image").And.Contain("GEOMETRY"));
        // GEOMETRY needs no intensities: centre (1.5, 1.5, 1.5) for a 4³ unit grid at the origin.
        Euler3DTransform g = CenteredTransformInitializer.Execute(blank, blank, new Euler3DTransform(), CenteredTransformInitializerMode.Geometry);
        Assert.That(g.Center, Is.EqualTo(new Vec3(1.5, 1.5, 1.5)));
    }

    private static void FillCube(Volume<float> image, int x0, int y0, int z0, int n)
    {
        for (int z = z0; z < z0 + n; z++)
        {
            for (int y = y0; y < y0 + n; y++)
            {
                for (int x = x0; x < x0 + n; x++)
                {
                    image[x, y, z] = 5;
                }
            }
        }
    }
}
