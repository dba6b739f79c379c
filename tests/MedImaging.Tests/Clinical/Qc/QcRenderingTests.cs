using MedImaging.Clinical.Qc;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.Clinical.Qc;

/// <summary>Windowing, label colours, focus point, montage, annotation and PNG output of QC pictures, against hand-computed values.</summary>
[TestFixture]
public sealed class QcRenderingTests : TempDirectoryTest
{
    private static readonly VolumeGeometry Slab = QcPhantoms.Centred(new Size3(71, 41, 3), Vec3.One, Mat3.Identity, Vec3.Zero);

    [Test]
    public void Render_CtSoftTissueWindow_GreyLevelsAsTheFormulaGives()
    {
        // Seven stripes along x (10 mm, the last 11 mm); W400/L40 spans [−160, 240]: grey = ⌊255·(v + 160)/400 + 0.5⌋, clamped.
        short[] hu = [-1000, -160, -60, 40, 140, 239, 240];
        byte[] expected = [0, 0, 64, 128, 191, 254, 255]; // −60 → 63.75, 40 → 127.5, 140 → 191.25, 239 → 254.36
        Volume<short> stripes = QcPhantoms.Fill(Slab, p => hu[Math.Clamp((int)Math.Floor((p.X + 35) / 10), 0, 6)]);

        QcImage picture = QcPictures.Render(stripes, QcPlane.Axial, new QcOptions { Window = QcWindow.CtSoftTissue, Annotate = false });

        for (int k = 0; k < hu.Length; k++)
        {
            (double column, double row) = picture.Frame.PhysicalPointToPixel(new Vec3(-35 + 10 * k + 5, 0, 0));
            Assert.That(picture.GetPixel((int)Math.Round(column), (int)Math.Round(row)), Is.EqualTo((expected[k], expected[k], expected[k])), $"{hu[k]} HU");
        }
    }

    [Test]
    public void Render_SingleSliceIdentity_PixelIsVoxelAndCoronalIsOneRow()
    {
        // A 2-D image (5 × 4 × 1, 1 mm, identity): axial column = x (toward L), row = y (toward P); v = 100x + 10y.
        var g = new VolumeGeometry(new Size3(5, 4, 1), Vec3.One, new Vec3(-7, 3, 11));
        var image = new Volume<short>(g);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                image[x, y, 0] = (short)(100 * x + 10 * y);
            }
        }

        var options = new QcOptions { Window = new QcWindow(1000, 500), Annotate = false };
        QcImage axial = QcPictures.Render(image, QcPlane.Axial, options);
        QcImage coronal = QcPictures.Render(image, QcPlane.Coronal, options);

        Assert.That((axial.Width, axial.Height, coronal.Width, coronal.Height), Is.EqualTo((5, 4, 5, 1)));
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                byte grey = (byte)Math.Floor(255 * (100 * x + 10 * y) / 1000.0 + 0.5);
                Assert.That(axial.GetPixel(x, y), Is.EqualTo((grey, grey, grey)), $"voxel ({x}, {y})");
            }
        }
    }

    [Test]
    public void FromPercentiles_UniformValues_NumpyLinearPercentiles()
    {
        var g = new VolumeGeometry(new Size3(10, 10, 10));
        var volume = new Volume<float>(g);
        var random = new Random(3);
        float[] values = [.. Enumerable.Range(0, 1000).Select(i => (float)i).OrderBy(_ => random.Next())];
        values.CopyTo(volume.Voxels);

        QcWindow window = QcWindow.FromPercentiles(volume);

        // numpy.percentile(range(1000), [1, 99]) = 9.99, 989.01 (rank p·(n − 1), linear between neighbours).
        // 1e-9: the ranks 9.99 and 989.01 are not exact binary fractions.
        Assert.That(window.Lower, Is.EqualTo(9.99).Within(1e-9));
        Assert.That(window.Upper, Is.EqualTo(989.01).Within(1e-9));
        Assert.That(window.Level, Is.EqualTo(499.5).Within(1e-9));
    }

    [TestCase(QcOverlayMode.Fill, 0.5, 192, 64, 64, 64, 192, 64)] // ⌊0.5·128 + 0.5·255 + 0.5⌋ = 192, ⌊0.5·128 + 0.5⌋ = 64
    [TestCase(QcOverlayMode.FillAndContour, 0.3, 166, 90, 90, 90, 166, 90)] // ⌊0.7·128 + 0.3·255 + 0.5⌋ = 166, ⌊89.6 + 0.5⌋ = 90
    public void Render_LabelFill_BlendsItkSnapColours(QcOverlayMode mode, double alpha, int r1, int g1, int b1, int r2, int g2, int b2)
    {
        (Volume<short> image, Volume<byte> labels) = OverlayCase();

        QcImage p = QcPictures.Render(image, QcPlane.Axial, new QcOptions { Window = QcWindow.CtSoftTissue, Overlay = mode, OverlayAlpha = alpha, Annotate = false }, labels);

        Assert.That(PixelAt(p, new Vec3(-25, 0, 0)), Is.EqualTo(((byte)r1, (byte)g1, (byte)b1)), "label 1, red, interior");
        Assert.That(PixelAt(p, new Vec3(15, 0, 0)), Is.EqualTo(((byte)r2, (byte)g2, (byte)b2)), "label 2, green, interior");
        Assert.That(PixelAt(p, new Vec3(30, 15, 0)), Is.EqualTo(((byte)128, (byte)128, (byte)128)), "background: 40 HU is grey 128");
    }

    [Test]
    public void Render_LabelContour_OpaqueBoundaryOnly()
    {
        (Volume<short> image, Volume<byte> labels) = OverlayCase();

        QcImage p = QcPictures.Render(image, QcPlane.Axial, new QcOptions { Window = QcWindow.CtSoftTissue, Overlay = QcOverlayMode.Contour, Annotate = false }, labels);

        // Label 2 covers x in [10, 19] mm and y in [−5, 4] mm: its first and last columns and rows are the boundary.
        Assert.That(PixelAt(p, new Vec3(10, 0, 0)), Is.EqualTo(((byte)0, (byte)255, (byte)0)), "left boundary");
        Assert.That(PixelAt(p, new Vec3(15, -5, 0)), Is.EqualTo(((byte)0, (byte)255, (byte)0)), "anterior boundary");
        Assert.That(PixelAt(p, new Vec3(15, 0, 0)), Is.EqualTo(((byte)128, (byte)128, (byte)128)), "interior untouched");
        Assert.That(PixelAt(p, new Vec3(9, 0, 0)), Is.EqualTo(((byte)128, (byte)128, (byte)128)), "outside untouched");
    }

    [Test]
    public void QcLabelColors_TableStartsWithItkSnapDefaultsAndRepeats()
    {
        Assert.That(QcLabelColors.Get(1), Is.EqualTo(((byte)255, (byte)0, (byte)0)));
        Assert.That(QcLabelColors.Get(4), Is.EqualTo(((byte)255, (byte)255, (byte)0)));
        Assert.That(QcLabelColors.Get(6), Is.EqualTo(((byte)255, (byte)0, (byte)255)));
        Assert.That(QcLabelColors.Get(1 + QcLabelColors.Count), Is.EqualTo(QcLabelColors.Get(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => QcLabelColors.Get(0));
    }

    [Test]
    public void RenderPlanes_DefaultPoint_IsLabelCentroidOrFocusLabelCentroid()
    {
        (Volume<short> image, Volume<byte> labels) = OverlayCase();
        // Label 2: x 10…19, y −5…4 mm on the three slices z −1, 0, 1 → centroid (14.5, −0.5, 0).
        // Label 1: x −35…−16, y −20…20 → centroid (−25.5, 0, 0). All non-zero: weighted by 820 and 100 voxels per slice.
        QcImage focus2 = QcPictures.Render(image, QcPlane.Axial, new QcOptions { FocusLabel = 2, Annotate = false }, labels);
        QcImage any = QcPictures.Render(image, QcPlane.Axial, new QcOptions { Annotate = false }, labels);

        Assert.That(Vec3.MaxAbsDifference(focus2.Frame.FocusPoint, new Vec3(14.5, -0.5, 0)), Is.LessThan(1e-9));
        Assert.That(Vec3.MaxAbsDifference(any.Frame.FocusPoint, new Vec3((820 * -25.5 + 100 * 14.5) / 920, 100 * -0.5 / 920, 0)), Is.LessThan(1e-9));
        Assert.Throws<ArgumentException>(() => QcPictures.Render(image, QcPlane.Axial, new QcOptions { FocusLabel = 7 }, labels));
    }

    [Test]
    public void RenderAxialMontage_TilesAtBinCentresAndEqualToSinglePlanes()
    {
        Volume<short> volume = QcPhantoms.MarkerVolume(Mat3.Identity, new Vec3(1.5, 1.5, 3.0), new Size3(40, 30, 12));
        var options = new QcOptions { Window = new QcWindow(1000, 500), Annotate = false };

        QcImage montage = QcPictures.RenderAxialMontage(volume, count: 5, columns: 2, options);

        QcFrame f = montage.Tiles[0].Frame;
        Assert.That((montage.Width, montage.Height), Is.EqualTo((2 * f.Width + 2, 3 * f.Height + 4)));
        // z extent of the voxel edges: centre 30 ± 6 · 3 mm = [12, 48]; five bins of 7.2 mm, centres 15.6 + 7.2 k,
        // each moved to the nearest slice centre 13.5 + 3 j (round half up).
        for (int k = 0; k < 5; k++)
        {
            QcTile tile = montage.Tiles[k];
            double slice = 13.5 + 3 * Math.Floor((15.6 + 7.2 * k - 13.5) / 3 + 0.5);
            Assert.That(tile.Frame.FocusPoint.Z, Is.EqualTo(slice).Within(1e-9), $"tile {k}"); // 1e-9: decimal mm sums
            Assert.That((tile.Left, tile.Top), Is.EqualTo((k % 2 * (f.Width + 2), k / 2 * (f.Height + 2))));
            QcImage single = QcPictures.Render(volume, QcPlane.Axial, options with { Point = tile.Frame.FocusPoint });
            for (int row = 0; row < f.Height; row++)
            {
                Assert.That(montage.Pixels.Slice(3 * ((tile.Top + row) * montage.Width + tile.Left), 3 * f.Width).ToArray(),
                    Is.EqualTo(single.Pixels.Slice(3 * row * f.Width, 3 * f.Width).ToArray()), $"tile {k} row {row}");
            }
        }
    }

    [Test]
    public void Render_Annotated_LetterRAtLeftEdgeOfAxial()
    {
        // A black 256 × 256 picture (scale 1): 'R' (patient's right) in the middle of the left edge, 2 pixels in.
        var g = QcPhantoms.Centred(new Size3(256, 256, 1), Vec3.One, Mat3.Identity, Vec3.Zero);
        QcImage p = QcPictures.Render(new Volume<short>(g), QcPlane.Axial, new QcOptions { Window = new QcWindow(100, 50) });
        string[] glyph = ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"];
        int top = (p.Height - 7) / 2;
        for (int row = 0; row < 7; row++)
        {
            var drawn = new string([.. Enumerable.Range(0, 5).Select(c => p.GetPixel(2 + c, top + row).R == 255 ? '#' : '.')]);
            Assert.That(drawn, Is.EqualTo(glyph[row]), $"row {row}");
        }

        Assert.That(p.GetPixel(p.Width / 2, p.Height / 2), Is.EqualTo(((byte)0, (byte)0, (byte)0)), "the centre carries no text");
    }

    [Test]
    public void RenderPlanes_OneAndTwoThreads_BitIdentical()
    {
        Volume<short> volume = QcPhantoms.MarkerVolume(QcPhantoms.Rotation(new Vec3(1, 1, 0), 30), new Vec3(1.5, 1.5, 3.0), new Size3(50, 50, 20));
        IReadOnlyList<QcImage> one = QcPictures.RenderPlanes(volume, null, volume, new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        IReadOnlyList<QcImage> two = QcPictures.RenderPlanes(volume, null, volume, new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        for (int i = 0; i < 3; i++)
        {
            Assert.That(two[i].Pixels.ToArray(), Is.EqualTo(one[i].Pixels.ToArray()));
        }
    }

    [Test]
    public void Save_PillowDecodesTheSameRgbPixels()
    {
        (Volume<short> image, Volume<byte> labels) = OverlayCase();
        QcImage p = QcPictures.Render(image, QcPlane.Axial, new QcOptions { Window = QcWindow.CtSoftTissue }, labels);
        string path = Path.Combine(TempDir, "qc.png");
        p.Save(path);

        PngReference.Decoded d = PngReference.Decode([path])[0];

        Assert.That((d.Mode, d.Width, d.Height), Is.EqualTo(("RGB", p.Width, p.Height)));
        Assert.That(d.Raw, Is.EqualTo(p.Pixels.ToArray()));
    }

    [Test]
    public void Render_BadInput_SpecificExceptions()
    {
        (Volume<short> image, _) = OverlayCase();
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => QcPictures.Render(image, QcPlane.Axial, new QcOptions { Point = new Vec3(0, 0, 500) }));
            Assert.Throws<ArgumentOutOfRangeException>(() => QcPictures.Render(image, QcPlane.Axial, new QcOptions { Window = new QcWindow(0, 40) }));
            Assert.Throws<ArgumentOutOfRangeException>(() => QcPictures.Render(image, QcPlane.Axial, new QcOptions { OverlayAlpha = 1.5 }));
            Assert.Throws<ArgumentException>(() => QcPictures.Render(image, QcPlane.Axial, new QcOptions { FocusLabel = 1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => QcPictures.RenderAxialMontage(image, count: 0));
        });
    }

    // 40 HU everywhere on 1 mm voxels at integer mm (x −35…35, y −20…20, z −1…1); label 1 on x < −15 mm, label 2 on
    // the square x 10…19, y −5…4 mm.
    private static (Volume<short> Image, Volume<byte> Labels) OverlayCase()
    {
        Volume<short> image = QcPhantoms.Fill(Slab, _ => 40);
        var labels = new Volume<byte>(Slab);
        for (int z = 0; z < Slab.Size.Z; z++)
        {
            for (int y = 0; y < Slab.Size.Y; y++)
            {
                for (int x = 0; x < Slab.Size.X; x++)
                {
                    Vec3 p = Slab.TransformIndexToPhysicalPoint(x, y, z);
                    labels[x, y, z] = p.X < -15 ? (byte)1 : p.X >= 10 && p.X <= 19 && p.Y >= -5 && p.Y <= 4 ? (byte)2 : (byte)0;
                }
            }
        }

        return (image, labels);
    }

    private static (byte R, byte G, byte B) PixelAt(QcImage p, Vec3 point)
    {
        (double column, double row) = p.Frame.PhysicalPointToPixel(point);
        return p.GetPixel((int)Math.Round(column), (int)Math.Round(row));
    }
}
