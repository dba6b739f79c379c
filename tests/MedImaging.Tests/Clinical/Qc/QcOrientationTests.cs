using MedImaging.Clinical.Qc;
using MedImaging.Resampling;

namespace MedImaging.Tests.Clinical.Qc;

/// <summary>
/// QC planes follow the radiological display convention whatever the volume's direction matrix: markers at known
/// LPS offsets land where the convention says (axial: patient's left on image right, anterior up; coronal: left on
/// right, superior up; sagittal: anterior on the left, superior up), and pixels are square in mm.
/// </summary>
[TestFixture]
public sealed class QcOrientationTests
{
    // W1000 L500 maps 0 → 0 and v → 255·v/1000: the markers 200, 400, 600, 800 become 51, 102, 153, 204 exactly.
    private static readonly QcOptions MarkerOptions = new() { Window = new QcWindow(1000, 500), Annotate = false };
    private static readonly Vec3 ThickSlices = new(1.5, 1.5, 3.0);
    private static readonly Size3 Size = new(71, 70, 35); // odd and even: the centre on a voxel centre along x, between two along y

    private static IEnumerable<TestCaseData> Orientations()
    {
        yield return new TestCaseData(Mat3.Identity, ThickSlices, Size).SetName("Markers_IdentityLps");
        yield return new TestCaseData(Mat3.Diagonal(new Vec3(-1, -1, 1)), ThickSlices, Size).SetName("Markers_RasFlipped");
        yield return new TestCaseData(Mat3.FromColumns(new Vec3(0, 1, 0), new Vec3(0, 0, 1), new Vec3(-1, 0, 0)),
            new Vec3(1.5, 3.0, 1.5), new Size3(70, 35, 71)).SetName("Markers_PermutedPsr");
        yield return new TestCaseData(QcPhantoms.Rotation(new Vec3(1, 1, 0), 30), ThickSlices, Size).SetName("Markers_Oblique30");
        yield return new TestCaseData(QcPhantoms.Rotation(new Vec3(0.2, -0.5, 1), 30) * Mat3.Diagonal(new Vec3(-1, 1, -1)), ThickSlices, Size)
            .SetName("Markers_ObliqueFlipped30");
    }

    [TestCaseSource(nameof(Orientations))]
    public void RenderPlanes_MarkersLandWhereRadiologicalConventionSays(Mat3 direction, Vec3 spacing, Size3 size)
    {
        Volume<short> volume = QcPhantoms.MarkerVolume(direction, spacing, size);

        IReadOnlyList<QcImage> planes = QcPictures.RenderPlanes(volume, MarkerOptions);

        foreach (QcImage picture in planes)
        {
            QcFrame f = picture.Frame;
            Assert.That(f.PixelSpacing, Is.EqualTo(1.5), "the smallest spacing");
            // The default point is the grid centre, built to be the phantom centre; a plane whose normal is an index axis
            // moves to the nearest slice centre: at most half a voxel (0.75 mm here, y having an even size).
            Assert.That((f.FocusPoint - QcPhantoms.Centre).Length, Is.LessThanOrEqualTo(0.75 + 1e-9));
            foreach ((Vec3 offset, short value) in QcPhantoms.Markers)
            {
                // Where the convention puts an LPS offset (dx toward L, dy toward P, dz toward S), in pixels.
                (double dc, double dr, double dn) = f.Plane switch
                {
                    QcPlane.Axial => (offset.X, offset.Y, offset.Z),
                    QcPlane.Coronal => (offset.X, -offset.Z, offset.Y),
                    _ => (offset.Y, -offset.Z, offset.X),
                };
                if (dn != 0)
                {
                    continue; // not in this plane
                }

                double expectedColumn = f.FocusColumn + dc / 1.5, expectedRow = f.FocusRow + dr / 1.5;
                (double column, double row, int count) = Centroid(picture, (byte)(value * 255 / 1000), expectedColumn, expectedRow);
                // A ball of radius 8 mm keeps ≥ 4 mm of exactly constant interpolated value on any grid here: ≥ 20 pixels.
                Assert.That(count, Is.GreaterThanOrEqualTo(20), $"{f.Plane} marker {value}: pixels found near ({expectedColumn}, {expectedRow})");
                // The constant core is a digitised disc centred on the marker: its centroid is within half a pixel.
                Assert.That(column, Is.EqualTo(expectedColumn).Within(0.5), $"{f.Plane} marker {value} column");
                Assert.That(row, Is.EqualTo(expectedRow).Within(0.5), $"{f.Plane} marker {value} row");
            }
        }
    }

    [TestCase("RAS")]
    [TestCase("PIR")]
    [TestCase("SLA")]
    public void Render_ObliqueVolumeAndItsReorientedCopy_SamePicture(string code)
    {
        Volume<short> oblique = QcPhantoms.MarkerVolume(QcPhantoms.Rotation(new Vec3(1, 1, 0), 30), ThickSlices, Size);
        Volume<short> oriented = Orientation.Orient(oblique, code);

        foreach (QcPlane plane in Enum.GetValues<QcPlane>())
        {
            QcImage a = QcPictures.Render(oblique, plane, MarkerOptions);
            QcImage b = QcPictures.Render(oriented, plane, MarkerOptions);
            Assert.That((b.Width, b.Height), Is.EqualTo((a.Width, a.Height)), $"{plane} size");
            // Same world samples; the continuous index is computed in another axis order, which can move an interpolated
            // value across a rounding boundary of the 8-bit window: at most one grey level.
            Assert.That(MaxDifference(a.Pixels, b.Pixels), Is.LessThanOrEqualTo(1), $"{plane} after Orient({code})");
        }
    }

    [Test]
    public void Render_AnisotropicSpacing_SquarePixelsKeepPhysicalProportions()
    {
        // 0.5 × 0.5 × 4 mm voxels; a box |x| ≤ 10.25 mm, |y| ≤ 10.25 mm, |z| ≤ 18 mm around the centre voxel, whose
        // edges lie halfway between voxel centres.
        VolumeGeometry g = QcPhantoms.Centred(new Size3(81, 81, 21), new Vec3(0.5, 0.5, 4), Mat3.Identity, Vec3.Zero);
        Volume<short> box = QcPhantoms.Fill(g, p => (short)(Math.Abs(p.X) <= 10.25 && Math.Abs(p.Y) <= 10.25 && Math.Abs(p.Z) <= 18 ? 1000 : 0));

        QcImage coronal = QcPictures.Render(box, QcPlane.Coronal, MarkerOptions);

        Assert.That(coronal.Frame.PixelSpacing, Is.EqualTo(0.5));
        // Extent 40.5 mm across (81 voxels) and 84 mm high (21 slices of 4 mm): pixel centres from the lowest voxel
        // centre in 0.5 mm steps, as many as fit between the voxel edges: 81 across, 4 + 160 + 4 + 1 = 169 down.
        Assert.That((coronal.Width, coronal.Height), Is.EqualTo((81, 169)));
        // Value ≥ 500 (grey ≥ 128): across, voxels at |x| ≤ 10 mm are 1000 and pixels fall on voxel centres → 41 pixels
        // (20.5 mm); up and down, linear interpolation between slices at 16 mm (1000) and 20 mm (0) reaches 500 at
        // 18 mm → rows at |z| ≤ 18 mm, 73 pixels (36.5 mm). Exact: every sample involved is a binary fraction.
        Assert.That(CountAtLeast(coronal, (int)Math.Round(coronal.Frame.FocusRow), horizontal: true, 128), Is.EqualTo(41));
        Assert.That(CountAtLeast(coronal, (int)Math.Round(coronal.Frame.FocusColumn), horizontal: false, 128), Is.EqualTo(73));
    }

    private static (double Column, double Row, int Count) Centroid(QcImage picture, byte grey, double column, double row)
    {
        double sc = 0, sr = 0;
        int count = 0;
        for (int r = (int)Math.Round(row) - 6; r <= (int)Math.Round(row) + 6; r++)
        {
            for (int c = (int)Math.Round(column) - 6; c <= (int)Math.Round(column) + 6; c++)
            {
                if (r >= 0 && c >= 0 && r < picture.Height && c < picture.Width && picture.GetPixel(c, r).R == grey)
                {
                    sc += c;
                    sr += r;
                    count++;
                }
            }
        }

        return count == 0 ? (double.NaN, double.NaN, 0) : (sc / count, sr / count, count);
    }

    private static int CountAtLeast(QcImage picture, int line, bool horizontal, byte grey)
    {
        int count = 0;
        for (int k = 0; k < (horizontal ? picture.Width : picture.Height); k++)
        {
            (byte r, _, _) = horizontal ? picture.GetPixel(k, line) : picture.GetPixel(line, k);
            count += r >= grey ? 1 : 0;
        }

        return count;
    }

    internal static int MaxDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
