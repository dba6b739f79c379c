using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

/// <summary>
/// Our .tfm reading and writing against ITK 5.2 itself: the generated true transforms and the harness's
/// <c>transform</c> command on files we wrote. Skipped when the shared data or the harness is absent.
/// </summary>
public class TransformFileHarnessTests
{
    // The harness prints mapped points with 12 significant digits: ≤ 5e-10 mm rounding for |coordinates| < 1000 mm.
    private const double HarnessPrintTolerance = 1e-9;

    private static readonly Vec3[] Points = [new(0, 0, 0), new(100, -50, 25), new(-179.3, -200.6, -702.5), new(-90, -126, -72)];

    [Test]
    public void GeneratedTrueTransforms_MapPointsAsItk()
    {
        var ct = TransformFile.Read(TestPaths.RequireGenerated("ct_moved_true.tfm"));
        // `itkref transform ct_moved_true.tfm --points 0,0,0,100,-50,25,-179.3,-200.6,-702.5` (ITK 5.2.1).
        TransformFileTests.AssertMapsLike(ct, Points[..3],
            [1.10265020938, -4.04354523227, 2, 105.079907156, -45.1377058621, 27, -160.031617163, -219.507226344, -700.5], HarnessPrintTolerance);
        var ch2 = TransformFile.Read(TestPaths.RequireGenerated("ch2_moved_true.tfm"));
        // `itkref transform ch2_moved_true.tfm --points 0,0,0,100,-50,25,-90,-126,-72` (ITK 5.2.1).
        TransformFileTests.AssertMapsLike(ch2, [Points[0], Points[1], Points[3]],
            [4.80984829618, -3.3269403136, 1.50242401885, 108.337729156, -45.2506495541, 26.9853690657, -72.6115325798, -134.303134086, -76.029288513], HarnessPrintTolerance);
    }

    [TestCaseSource(typeof(TransformFileTests), nameof(TransformFileTests.AllKinds))]
    public void OurFile_ReadByItk_MapsPointsAsOurs(IParametricTransform transform)
    {
        ItkRefHarness.Require();
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "ours.tfm");
        TransformFile.Write(path, transform);
        var (kind, parameters, _, itkPoints) = ItkRefHarness.Transform(path, Points);
        Assert.That(kind, Is.EqualTo(transform.NameOfClass));
        if (transform is not CompositeTransform)
        {
            // The harness prints parameters with 15 significant digits: relative rounding ≤ 5e-15.
            double[] ours = transform.Parameters;
            Assert.That(parameters, Has.Length.EqualTo(ours.Length));
            for (int i = 0; i < ours.Length; i++)
            {
                Assert.That(Math.Abs(parameters[i] - ours[i]), Is.LessThanOrEqualTo(1e-14 * Math.Abs(ours[i])), $"parameter {i}");
            }
        }

        TransformFileTests.AssertMapsLike(transform, Points, itkPoints, HarnessPrintTolerance);
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void ItkFiles_ReadByUs_MapPointsAsItkLive()
    {
        ItkRefHarness.Require();
        foreach (string path in new[]
                 {
                     TestPaths.TestData("transforms/itk_register_ch2_euler3d.tfm"),
                     TestPaths.TestData("transforms/itk_register_ct_euler3d.tfm"),
                     TestPaths.RequireGenerated("ct_moved_true.tfm"),
                     TestPaths.RequireGenerated("ch2_moved_true.tfm"),
                 })
        {
            var (_, _, fixedParameters, itkPoints) = ItkRefHarness.Transform(path, Points);
            IParametricTransform ours = TransformFile.Read(path);
            Assert.That(ours.FixedParameters, Is.EqualTo(fixedParameters).Within(1e-12), path);
            TransformFileTests.AssertMapsLike(ours, Points, itkPoints, HarnessPrintTolerance);
        }
    }

    [Test]
    public void FloatVariant_ReadAsDoubleLikeItk()
    {
        ItkRefHarness.Require();
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "float.tfm");
        File.WriteAllText(path, "#Insight Transform File V1.0\n#Transform 0\nTransform: Euler3DTransform_float_3_3\n" +
                                "Parameters: 0.1 -0.2 0.3 0.1 0.2 0.3\nFixedParameters: 1.1 2.2 3.3\n");
        var (_, parameters, _, itkPoints) = ItkRefHarness.Transform(path, Points);
        IParametricTransform ours = TransformFile.Read(path);
        // ITK parses the values of a _float_ file as doubles (0.1 stays 0.1, not 0.1f): identical parameters.
        Assert.That(parameters, Is.EqualTo(ours.Parameters));
        TransformFileTests.AssertMapsLike(ours, Points, itkPoints, HarnessPrintTolerance);
        Directory.Delete(dir, recursive: true);
    }
}
