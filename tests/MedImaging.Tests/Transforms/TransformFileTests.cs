using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

public class TransformFileTests
{
    /// <summary>One transform of every kind, with parameters that need all 17 digits.</summary>
    public static IEnumerable<TestCaseData> AllKinds()
    {
        yield return new TestCaseData(new Euler3DTransform(new Vec3(-0.45000000000001705, -21.75, -385), 0.1 / 3, -Math.PI / 7, 1e-7 / 3, new Vec3(3.000000000000001, -4.1, 2e-300))).SetName("Euler3D");
        yield return new TestCaseData(new Euler3DTransform(new Vec3(1, 2, 3), 0.2, 0.3, 0.4, new Vec3(1, 2, 3)) { ComputeZYX = true }).SetName("Euler3D_ZYX");
        yield return new TestCaseData(new VersorRigid3DTransform(new Vec3(0.1, 17.3, 19), new Vec3(1, 2, 3), 0.3 / 7, new Vec3(1.0 / 3, -4, 2))).SetName("VersorRigid3D");
        yield return new TestCaseData(new Similarity3DTransform(new Vec3(0.1, 17.3, 19), new Vec3(-1, 2, 0.5), 0.7, 1.0 / 3 + 1, new Vec3(1, -4, 2))).SetName("Similarity3D");
        yield return new TestCaseData(new AffineTransform(new Mat3(1.1, 0.2 / 3, -0.1, 0.05, 0.9, 0.3, -0.2, 0.1, 1.3), new Vec3(3, -4, 2), new Vec3(5, 6, 7.7))).SetName("Affine");
        yield return new TestCaseData(new TranslationTransform(new Vec3(0.1, 0.2, 0.3))).SetName("Translation");
        yield return new TestCaseData(IdentityTransform.Instance).SetName("Identity");
        yield return new TestCaseData(new CompositeTransform(
        [
            new AffineTransform(new Mat3(1.1, 0.2, 0, 0, 0.9, 0.1, 0.1, 0, 1.2), new Vec3(1, 2, 3), new Vec3(5, 5, 5)),
            new Euler3DTransform(new Vec3(0, 17, 19), 0.3, -0.2, 0.1, new Vec3(3, -4, 2)),
            new TranslationTransform(new Vec3(-10, 0.5, 7)),
        ])).SetName("Composite");
    }

    [TestCaseSource(nameof(AllKinds))]
    public void WriteThenRead_GivesBitIdenticalParameters(IParametricTransform transform)
    {
        string text = TransformFile.Format(transform);
        IParametricTransform back = TransformFile.Parse(text, "memory").Single();
        Assert.That(back.GetType(), Is.EqualTo(transform.GetType()));
        // "R" formatting round-trips every double exactly, so nothing may change.
        Assert.That(back.Parameters, Is.EqualTo(transform.Parameters));
        Assert.That(back.FixedParameters, Is.EqualTo(transform.FixedParameters));
        foreach (Vec3 x in TransformAssert.SamplePoints())
        {
            Assert.That(back.TransformPoint(x), Is.EqualTo(transform.TransformPoint(x)));
        }
    }

    [Test]
    public void Write_UsesItkLayout()
    {
        var t = new Euler3DTransform(new Vec3(0, 17, 19), 0.03, -0.02, 0.5, new Vec3(3, -4, 2));
        string text = TransformFile.Format(t);
        Assert.That(text, Is.EqualTo(
            "#Insight Transform File V1.0\n#Transform 0\nTransform: Euler3DTransform_double_3_3\n" +
            "Parameters: 0.03 -0.02 0.5 3 -4 2\nFixedParameters: 0 17 19 0\n"));
        string composite = TransformFile.Format(new CompositeTransform([t, new TranslationTransform(new Vec3(1, 2, 3))]));
        Assert.That(composite, Does.StartWith("#Insight Transform File V1.0\n#Transform 0\nTransform: CompositeTransform_double_3_3\n#Transform 1\nTransform: Euler3DTransform_double_3_3\n"));
        Assert.That(composite, Does.EndWith("#Transform 2\nTransform: TranslationTransform_double_3_3\nParameters: 1 2 3\nFixedParameters:\n"));
    }

    [Test]
    public void Read_ItkRegisterOutput_MapsPointsAsItk()
    {
        // Written by ITK 5.2 (itkref register ch2 ← ch2_moved, see testdata/README.md).
        var t = (Euler3DTransform)TransformFile.Read(TestPaths.TestData("transforms/itk_register_ch2_euler3d.tfm"));
        Assert.That(t.Parameters, Is.EqualTo(new[] { 0.029911235957877293, -0.01986898719891982, 0.08713589908600762, 3.0060640862801096, -4.000952836107133, 2.0013908680706667 }));
        Assert.That(t.Center, Is.EqualTo(new Vec3(0, 17, 19)));
        // From `itkref transform itk_register_ch2_euler3d.tfm --points 0,0,0,100,-50,25,-90,-126,-72` (ITK 5.2.1),
        // which prints 12 significant digits: ≤ 5e-10 mm rounding for these magnitudes, hence 1e-9 mm.
        double[] itk = [4.81145183698, -3.33006847054, 1.50522309933, 108.337149724, -45.2643447159, 26.9796485657, -72.6360294376, -134.304194975, -76.0039107536];
        AssertMapsLike(t, [new(0, 0, 0), new(100, -50, 25), new(-90, -126, -72)], itk, 1e-9);
    }

    [Test]
    public void Read_ItkRegisterOutputOnThickSliceCt_MapsPointsAsItk()
    {
        // Written by ITK 5.2 (itkref register ct_phantom ← ct_moved, see testdata/README.md); its centre comes from
        // NIfTI's float32 origin, so it has all 17 digits.
        IParametricTransform t = TransformFile.Read(TestPaths.TestData("transforms/itk_register_ct_euler3d.tfm"));
        Assert.That(t.FixedParameters, Is.EqualTo(new[] { -0.4500060975551605, -21.750009149312973, -385, 0 }));
        // From `itkref transform itk_register_ct_euler3d.tfm --points -179.3,-200.6,-702.5,178.3,157.3,-67.5,0,0,0`
        // (ITK 5.2.1, 12 significant digits printed: ≤ 5e-10 mm rounding below 1000 mm, hence 1e-9 mm).
        double[] itk = [-162.71317503, -218.408424755, -702.005433682, 167.690088576, 166.56319007, -68.1081950251, 1.83493075334, -3.60359810891, -0.0952490199064];
        AssertMapsLike(t, [new(-179.3, -200.6, -702.5), new(178.3, 157.3, -67.5), new(0, 0, 0)], itk, 1e-9);
    }

    [Test]
    public void Read_FloatVariantAndMatrixOffsetTransformBase()
    {
        string text = "#Insight Transform File V1.0\n#Transform 0\nTransform: MatrixOffsetTransformBase_float_3_3\n" +
                      "Parameters: 1 0 0 0 1 0 0 0 1 0.5 0.25 0.125\nFixedParameters: 0 0 0\n";
        var t = (AffineTransform)TransformFile.Parse(text, "memory").Single();
        Assert.That(t.TransformPoint(new Vec3(1, 1, 1)), Is.EqualTo(new Vec3(1.5, 1.25, 1.125)));
        var crlf = TransformFile.Parse("#Insight Transform File V1.0\r\nTransform: Euler3DTransform_float_3_3\r\nParameters: 0 0 0 1 2 3\r\nFixedParameters: 0 0 0\r\n", "crlf").Single();
        Assert.That(crlf.TransformPoint(Vec3.Zero), Is.EqualTo(new Vec3(1, 2, 3)));
    }

    [Test]
    public void ReadAll_SeveralTransforms_ReturnsThemInOrder()
    {
        string text = "#Insight Transform File V1.0\n#Transform 0\nTransform: TranslationTransform_double_3_3\nParameters: 1 2 3\nFixedParameters:\n" +
                      "#Transform 1\nTransform: AffineTransform_double_3_3\nParameters: 2 0 0 0 2 0 0 0 2 0 0 0\nFixedParameters: 0 0 0\n";
        IReadOnlyList<IParametricTransform> list = TransformFile.Parse(text, "memory");
        Assert.That(list.Select(t => t.NameOfClass), Is.EqualTo(new[] { "TranslationTransform", "AffineTransform" }));
    }

    [TestCase("", 0, "empty")]
    [TestCase("#Insight Transform File V2.0\n", 1, "header")]
    [TestCase("#Insight Transform File V1.0\nParameters: 1 2 3\n", 2, "before any")]
    [TestCase("#Insight Transform File V1.0\nTransform: BSplineTransform_double_3_3\n", 2, "not supported")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler2DTransform_double_2_2\n", 2, "not 3-D")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_2_2\n", 2, "not 3-D")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform\n", 2, "<Class>_")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3\nFixedParameters: 0 0 0\n", 3, "6 parameters")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3 4 5 x\nFixedParameters: 0 0 0\n", 3, "'x'")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3 4 5 nan\nFixedParameters: 0 0 0\n", 3, "finite")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3 4 5 1e999\nFixedParameters: 0 0 0\n", 3, "finite")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3 4 5 6\nFixedParameters: 0 0\n", 4, "fixed parameters")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3 4 5 6\n", 2, "no 'FixedParameters:'")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nParameters: 1 2 3 4 5 6\nParameters: 1 2 3 4 5 6\n", 4, "second")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nGarbage line\n", 3, "Key: value")]
    [TestCase("#Insight Transform File V1.0\nTransform: Euler3DTransform_double_3_3\nOffset: 1 2 3\n", 3, "unknown key")]
    [TestCase("#Insight Transform File V1.0\nTransform: TranslationTransform_double_3_3\nParameters: 1 2 3\nFixedParameters:\nTransform: CompositeTransform_double_3_3\n", 5, "first transform")]
    [TestCase("#Insight Transform File V1.0\nTransform: CompositeTransform_double_3_3\nParameters: 1\n", 3, "no parameters of its own")]
    [TestCase("#Insight Transform File V1.0\n# only comments\n", 0, "no 'Transform:'")]
    public void Parse_HostileInput_ThrowsNamingLine(string text, int line, string fragment)
    {
        var e = Assert.Throws<TransformFormatException>(() => TransformFile.Parse(text, "bad.tfm"));
        Assert.That(e!.Line, Is.EqualTo(line));
        Assert.That(e.Message, Does.Contain("'bad.tfm'").And.Contain(fragment));
    }

    [Test]
    public void Read_MissingOrHugeFile_ThrowsSpecificExceptions()
    {
        string dir = TestPaths.NewTempDirectory();
        Assert.Throws<FileNotFoundException>(() => TransformFile.Read(Path.Combine(dir, "none.tfm")));
        string huge = Path.Combine(dir, "huge.tfm");
        using (FileStream f = File.Create(huge))
        {
            f.SetLength(TransformFile.MaximumFileBytes + 1);
        }

        var e = Assert.Throws<TransformFormatException>(() => TransformFile.Read(huge));
        Assert.That(e!.Message, Does.Contain("huge.tfm"));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Asserts that <paramref name="t"/> maps each point to the flat x, y, z triple of <paramref name="expected"/>.</summary>
    internal static void AssertMapsLike(IParametricTransform t, IReadOnlyList<Vec3> points, double[] expected, double tolerance)
    {
        Assert.That(expected, Has.Length.EqualTo(3 * points.Count));
        for (int i = 0; i < points.Count; i++)
        {
            Vec3 q = t.TransformPoint(points[i]);
            var itk = new Vec3(expected[3 * i], expected[3 * i + 1], expected[3 * i + 2]);
            Assert.That(Vec3.MaxAbsDifference(q, itk), Is.LessThanOrEqualTo(tolerance), $"{t.NameOfClass} at {points[i]}: ours {q}, ITK {itk}");
        }
    }
}
