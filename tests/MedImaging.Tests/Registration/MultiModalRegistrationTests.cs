using MedImaging.Registration;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

[TestFixture]
public sealed class MultiModalRegistrationTests
{
    // MR-like T1 contrast (air dark, white matter bright, ventricle dark) and a CT-like remap of the same tissues
    // that is not monotonic (bone-like ring brightest, lesion denser than grey matter, ventricle near water):
    // no linear relation between the two, so only an information-theoretic metric can align them.
    private static readonly float[] MrIntensities = [0, 300, 800, 550, 150, 650];
    private static readonly float[] CtIntensities = [-1000, 900, 30, 40, 5, 70];

    private static readonly VolumeGeometry Grid = new(new Size3(48, 52, 40), new Vec3(2, 2, 2.2), new Vec3(-47, -51, -42.9));

    private static Euler3DTransform Truth()
    {
        var t = new Euler3DTransform(Grid.Center, 0.04, -0.03, 0.09, new Vec3(3.0, -2.5, 1.5));
        return t;
    }

    private static (Volume<float> Fixed, Volume<float> Moving) Pair()
    {
        Euler3DTransform truth = Truth();
        Euler3DTransform inverse = truth.GetInverse();
        // moving(T(x)) = fixed(x): a moving voxel at y shows the tissue at T⁻¹(y).
        Volume<float> fixedImage = RegistrationPhantoms.Render(Grid, p => p, MrIntensities, 1);
        Volume<float> moving = RegistrationPhantoms.Render(Grid, inverse.TransformPoint, CtIntensities, 2);
        return (fixedImage, moving);
    }

    private static readonly RegistrationOptions Small = new()
    {
        ShrinkFactors = [2, 1],
        SmoothingSigmas = [2.0, 1.0],
        NumberOfIterations = 300,

        // ITK judges the tolerance on the gradient divided by the scales (rotation scale ≈ 6000 mm² here), so its
        // default 1e-4 stops while the rotation still has ~1° to go on this small, low-contrast phantom.
        GradientMagnitudeTolerance = 1e-6,
    };

    [Test]
    public void Mattes_MrToCtLikeRemap_RecoversKnownTransform()
    {
        (Volume<float> f, Volume<float> m) = Pair();
        RegistrationResult result = ImageRegistration.Rigid(f, m, Small);
        double error = RegistrationPhantoms.CornerError(Grid, result.Transform, Truth());
        // Start error (identity rotation, zero translation) is several mm; the phantom is rendered exactly through
        // the truth on 2 mm voxels, so a quarter voxel (0.5 mm) at the field-of-view corners is a clear recovery.
        Assert.That(RegistrationPhantoms.CornerError(Grid, CenteredTransformInitializer.Execute(Grid, Grid, new Euler3DTransform()), Truth()), Is.GreaterThan(4.0));
        Assert.That(error, Is.LessThan(0.5), $"parameters {string.Join(", ", result.Transform.Parameters)} levels {string.Join(" / ", result.Levels)}");
        Assert.That(result.MetricValue, Is.LessThan(0), "Mattes value is −MI, negative when the images share information");
    }

    [Test]
    public void Registration_OneAndTwoThreads_BitIdentical()
    {
        (Volume<float> f, Volume<float> m) = Pair();
        var options = Small with { NumberOfIterations = 15 };
        RegistrationResult one = ImageRegistration.Rigid(f, m, options, new ExecutionOptions { MaxDegreeOfParallelism = 1 });
        RegistrationResult two = ImageRegistration.Rigid(f, m, options, new ExecutionOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(two.Transform.Parameters, Is.EqualTo(one.Transform.Parameters));
        Assert.That(two.MetricValue, Is.EqualTo(one.MetricValue));
    }

    [Test]
    public void MeanSquares_SameModality_RecoversKnownTransform()
    {
        Euler3DTransform truth = Truth();
        Volume<float> f = RegistrationPhantoms.Render(Grid, p => p, MrIntensities, 1);
        Volume<float> m = RegistrationPhantoms.Render(Grid, truth.GetInverse().TransformPoint, MrIntensities, 2);
        RegistrationResult result = ImageRegistration.Rigid(f, m, Small with { Metric = RegistrationMetric.MeanSquares });
        // Same tolerance and reason as the Mattes case.
        Assert.That(RegistrationPhantoms.CornerError(Grid, result.Transform, truth), Is.LessThan(0.5));
    }
}
