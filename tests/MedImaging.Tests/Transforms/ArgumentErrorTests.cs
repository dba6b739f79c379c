using MedImaging.Transforms;

namespace MedImaging.Tests.Transforms;

/// <summary>
/// Invalid arguments of the transforms are <see cref="ArgumentException"/>s naming the caller's parameter.
/// </summary>
[TestFixture]
public sealed class ArgumentErrorTests
{
    private static IEnumerable<TestCaseData> Calls()
    {
        yield return Case("parameters", () => new Euler3DTransform().SetParameters([1, 2]), "Euler3D SetParameters length");
        yield return Case("parameters", () => new TranslationTransform().SetParameters([1, double.NaN, 3]), "Translation SetParameters NaN");
        yield return Case("fixedParameters", () => new AffineTransform().SetFixedParameters([0, 0]), "Affine SetFixedParameters length");
        yield return Case("angleY", () => new Euler3DTransform().SetRotation(0, double.NaN, 0), "Euler3D SetRotation");
        yield return Case("angle", () => new VersorRigid3DTransform().SetRotation(new Vec3(0, 0, 1), double.PositiveInfinity), "VersorRigid3D SetRotation");
        yield return Case("destination", () => new AffineTransform().GetParameters(new double[3]), "Affine GetParameters buffer");
        yield return Case("jacobian", () => new Euler3DTransform().ComputeJacobianWithRespectToParameters(Vec3.Zero, new double[6]), "Euler3D Jacobian buffer");
        yield return Case("value", () => new Euler3DTransform().Translation = new Vec3(0, double.NaN, 0), "Translation setter");
        yield return Case("update", () => new Similarity3DTransform().UpdateTransformParameters([1, 2]), "Similarity3D update");
    }

    [TestCaseSource(nameof(Calls))]
    public void InvalidArgument_ArgumentExceptionNamesTheParameter(string parameter, TestDelegate call) =>
        Assert.That(Assert.Throws<ArgumentException>(call)!.ParamName, Is.EqualTo(parameter));

    private static TestCaseData Case(string parameter, TestDelegate call, string name) =>
        new TestCaseData(parameter, call).SetName($"InvalidArgument_ArgumentExceptionNamesTheParameter({name})");
}
