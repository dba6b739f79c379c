using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class GrayscaleMorphologyTests
{
    private static Volume<byte> RandomMask(int seed)
    {
        var image = new Volume<byte>(new VolumeGeometry(new Size3(19, 17, 13)));
        var random = new Random(seed);
        for (int i = 0; i < image.Voxels.Length; i++)
        {
            image.Voxels[i] = random.NextDouble() < 0.4 ? (byte)1 : (byte)0;
        }

        return image;
    }

    [Test]
    public void GrayscaleDilate_BrightVoxel_SpreadsOverTheBall()
    {
        var image = new Volume<short>(new VolumeGeometry(new Size3(11, 11, 11)));
        image.Fill(-5);
        image[5, 5, 5] = 300;
        var dilated = ImageFilters.GrayscaleDilate(image, 3);
        Assert.That(dilated.Voxels.ToArray().Count(v => v == 300), Is.EqualTo(179)); // ITK's radius-3 ball
        Assert.That(dilated.Voxels.ToArray().Count(v => v == -5), Is.EqualTo(1331 - 179));
    }

    [TestCase(KernelType.Ball)]
    [TestCase(KernelType.Box)]
    public void GrayscaleOnBinaryImage_EqualsBinaryFilters(KernelType kernel)
    {
        // On a 0/1 image max/min under the kernel are binary dilation/erosion; an ignored outside equals ITK's
        // binary defaults (dilation: outside background; erosion: outside foreground); closing is the same with
        // SafeBorder on both sides.
        var image = RandomMask(4);
        var radius = new KernelRadius(2, 1, 2);
        Assert.That(ImageFilters.GrayscaleDilate(image, radius, kernel).Voxels.SequenceEqual(ImageFilters.BinaryDilate(image, radius, kernel).Voxels), Is.True);
        Assert.That(ImageFilters.GrayscaleErode(image, radius, kernel).Voxels.SequenceEqual(ImageFilters.BinaryErode(image, radius, kernel).Voxels), Is.True);
        Assert.That(ImageFilters.GrayscaleMorphologicalClosing(image, radius, kernel).Voxels
            .SequenceEqual(ImageFilters.BinaryMorphologicalClosing(image, radius, kernel).Voxels), Is.True);
    }

    [Test]
    public void GrayscaleMorphologicalOpening_RemovesThinPeakKeepsPlateau()
    {
        var image = new Volume<float>(new VolumeGeometry(new Size3(12, 12, 12)));
        for (int z = 2; z < 10; z++)
        {
            for (int y = 2; y < 10; y++)
            {
                for (int x = 2; x < 10; x++)
                {
                    image[x, y, z] = 10;
                }
            }
        }

        image[5, 5, 5] = 50; // a one-voxel spike on the plateau
        var opened = ImageFilters.GrayscaleMorphologicalOpening(image, 1, KernelType.Box);
        Assert.That(opened[5, 5, 5], Is.EqualTo(10f)); // the spike is narrower than the kernel
        Assert.That(opened.Voxels.ToArray().Count(v => v == 10f), Is.EqualTo(512)); // the 8³ plateau survives
    }
}
