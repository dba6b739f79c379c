using MedImaging.Clinical.Qc;

namespace MedImaging.Tests.Clinical.Qc;

/// <summary><see cref="QcPictures.RenderCheckerboard"/>: squares alternate between the two images, each in its window.</summary>
[TestFixture]
public sealed class QcCheckerboardTests
{
    [Test]
    public void Squares_AlternateBetweenTheImages_FirstImageTopLeft()
    {
        // 64 × 48 mm at 1 mm, 4 squares across the longer side: 16-pixel squares; first image 100 HU, second 200 HU
        // on a shifted, coarser grid covering the same plane (sampled in world space, not voxel for voxel).
        VolumeGeometry first = QcPhantoms.Centred(new Size3(64, 48, 3), Vec3.One, Mat3.Identity, Vec3.Zero);
        VolumeGeometry second = QcPhantoms.Centred(new Size3(40, 30, 3), new Vec3(2, 2, 1), Mat3.Identity, Vec3.Zero);
        var window = new QcWindow(400, 100); // [−100, 300]: 100 → ⌊255·200/400 + 0.5⌋ = 128, 200 → ⌊191.25 + 0.5⌋ = 191

        QcImage picture = QcPictures.RenderCheckerboard(QcPhantoms.Fill(first, _ => 100), QcPhantoms.Fill(second, _ => 200), QcPlane.Axial, 4,
            new QcOptions { Window = window, Annotate = false });

        Assert.That((picture.Width, picture.Height), Is.EqualTo((64, 48)));
        for (int row = 0; row < 48; row++)
        {
            for (int column = 0; column < 64; column++)
            {
                byte grey = (row / 16 + column / 16) % 2 == 0 ? (byte)128 : (byte)191;
                Assert.That(picture.GetPixel(column, row), Is.EqualTo((grey, grey, grey)), $"pixel ({column}, {row})");
            }
        }
    }

    [Test]
    public void SecondImageNotReaching_ItsSquaresAreBlack()
    {
        VolumeGeometry first = QcPhantoms.Centred(new Size3(32, 32, 1), Vec3.One, Mat3.Identity, Vec3.Zero);
        VolumeGeometry far = QcPhantoms.Centred(new Size3(32, 32, 1), Vec3.One, Mat3.Identity, new Vec3(500, 0, 0));

        QcImage picture = QcPictures.RenderCheckerboard(QcPhantoms.Fill(first, _ => 100), QcPhantoms.Fill(far, _ => 100), QcPlane.Axial, 2,
            new QcOptions { Window = new QcWindow(400, 100), Annotate = false });

        Assert.That(picture.GetPixel(0, 0), Is.EqualTo(((byte)128, (byte)128, (byte)128)), "first image's square");
        Assert.That(picture.GetPixel(31, 0), Is.EqualTo(((byte)0, (byte)0, (byte)0)), "second image's square, outside it");
    }

    [Test]
    public void FewerThanTwoSquares_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QcPictures.RenderCheckerboard(
            QcPhantoms.Fill(QcPhantoms.Centred(new Size3(4, 4, 1), Vec3.One, Mat3.Identity, Vec3.Zero), _ => 1),
            QcPhantoms.Fill(QcPhantoms.Centred(new Size3(4, 4, 1), Vec3.One, Mat3.Identity, Vec3.Zero), _ => 1), QcPlane.Axial, 1));
}
