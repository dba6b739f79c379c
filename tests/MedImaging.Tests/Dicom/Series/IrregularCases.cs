using MedImaging.Dicom;

namespace MedImaging.Tests.Dicom.Series;

/// <summary>The series irregularities the corpus does not show, each written by <see cref="IrregularSeries"/>.</summary>
internal static class IrregularCases
{
    private static readonly Vec3 X = new(1, 0, 0), Y = new(0, 1, 0), Z = new(0, 0, 1);
    private static readonly Vec3 Start = new(-4.5, 7.25, -30);

    private static IEnumerable<double> Steps(int count, double step) => Enumerable.Range(0, count).Select(k => k * step);

    /// <summary>Stacks that are regular grids: read as-is, every slice exactly where its ImagePositionPatient says.</summary>
    public static IEnumerable<IrregularSeries> Regular()
    {
        Mat3 oblique = WrittenSeries.Oblique();
        Vec3 obliqueNormal = Vec3.Cross(oblique.Column(0), oblique.Column(1));
        yield return new("axial-shuffled-reversed-instance", X, Y, IrregularSeries.Stack(Start, Z, Steps(8, 2.5)));
        yield return new("oblique", oblique.Column(0), oblique.Column(1), IrregularSeries.Stack(Start, obliqueNormal, Steps(7, 3)));
        yield return new("oblique-flipped", oblique.Column(0), oblique.Column(1), IrregularSeries.Stack(Start, obliqueNormal, Steps(7, -3)));
        yield return new("coronal", X, -Z, IrregularSeries.Stack(Start, Vec3.Cross(X, -Z), Steps(6, 1.5)));
        yield return new("sagittal", Y, -Z, IrregularSeries.Stack(Start, Vec3.Cross(Y, -Z), Steps(6, -1.5)));
        yield return new("thickness-disagrees", X, Y, IrregularSeries.Stack(Start, Z, Steps(6, 2.5)))
        {
            Customize = (ds, _) => IrregularSeries.Text(ds, DicomTag.SliceThickness, DicomVR.DS, "5"),
        };
    }

    /// <summary>An axial stack with slice 3 of 7 missing (steps 2, 2, 2, 4, 2, 2 mm).</summary>
    public static IrregularSeries Gap() => new("gap", X, Y, IrregularSeries.Stack(Start, Z, [0, 2, 4, 8, 10, 12, 14]));

    /// <summary>Steps of 2 mm then 3 mm.</summary>
    public static IrregularSeries VariableSpacing() => new("variable-spacing", X, Y, IrregularSeries.Stack(Start, Z, [0, 2, 4, 6, 8, 11, 14]));

    /// <summary>Six positions, the fourth written twice (slice 6 repeats slice 3's position with InstanceNumber 1 and a later AcquisitionTime).</summary>
    public static IrregularSeries Duplicate()
    {
        Vec3[] p = IrregularSeries.Stack(Start, Z, Steps(6, 2));
        return new("duplicate", X, Y, [.. p, p[3]])
        {
            Customize = (ds, k) => IrregularSeries.Text(ds, DicomTag.AcquisitionTime, DicomVR.TM, k == 6 ? "101500" : "101000"),
        };
    }

    /// <summary>A CT with 15° gantry tilt: each 2.5 mm step along z shifts the slice tan 15° · 2.5 mm along +y (the column direction).</summary>
    public static IrregularSeries Tilt() => new("tilt", X, Y, IrregularSeries.Stack(Start, Z, Steps(6, 2.5), new Vec3(0, Math.Tan(Math.PI / 12), 0)))
    {
        Customize = (ds, _) => IrregularSeries.Text(ds, DicomTag.GantryDetectorTilt, DicomVR.DS, "15"),
    };

    /// <summary>Six axial slices plus (slice 6) a coronal localizer with the same SeriesInstanceUID.</summary>
    public static IrregularSeries Localizer(bool markedAsLocalizer)
    {
        Vec3[] p = IrregularSeries.Stack(Start, Z, Steps(6, 2));
        return new("localizer", X, Y, [.. p, Start])
        {
            Customize = (ds, k) =>
            {
                if (k == 6)
                {
                    IrregularSeries.Text(ds, DicomTag.ImageOrientationPatient, DicomVR.DS, "1\\0\\0\\0\\0\\-1");
                    IrregularSeries.Text(ds, DicomTag.ImageType, DicomVR.CS, markedAsLocalizer ? "ORIGINAL\\PRIMARY\\LOCALIZER" : "ORIGINAL\\PRIMARY\\AXIAL");
                }
            },
        };
    }

    /// <summary>Slice 4 of six with 10 rows instead of 12.</summary>
    public static IrregularSeries OtherRows() => OneSliceDiffers("other-rows", 4, ds =>
    {
        IrregularSeries.UShort(ds, DicomTag.Rows, 10);
        ds.AddOrReplace(new DicomElement(DicomTag.PixelData, DicomVR.OW, IrregularSeries.Pixels(4, 10, IrregularSeries.Columns)));
    });

    /// <summary>Slice 2 of six with 0.9 mm between rows instead of 0.8 mm.</summary>
    public static IrregularSeries OtherPixelSpacing() =>
        new("other-pixel-spacing", X, Y, IrregularSeries.Stack(Start, Z, Steps(6, 2))) { RowSpacingOf = k => k == 2 ? 0.9 : IrregularSeries.RowSpacing };

    /// <summary>Slice k (of six) with its own change: <paramref name="change"/>(dataset) applied to that slice only.</summary>
    public static IrregularSeries OneSliceDiffers(string name, int k, Action<DicomDataset> change) =>
        new(name, X, Y, IrregularSeries.Stack(Start, Z, Steps(6, 2)))
        {
            Customize = (ds, i) =>
            {
                if (i == k)
                {
                    change(ds);
                }
            },
        };

    /// <summary>Every slice changed by <paramref name="change"/>(dataset, k).</summary>
    public static IrregularSeries EverySlice(string name, Action<DicomDataset, int> change) =>
        new(name, X, Y, IrregularSeries.Stack(Start, Z, Steps(6, 2))) { Customize = change };
}
