using System.Text.Json.Nodes;
using MedImaging.IO;
using MedImaging.Registration;
using MedImaging.Tests.TestUtilities;
using MedImaging.Transforms;

namespace MedImaging.Tests.Registration;

/// <summary>Acceptance on the generated reference data (skipped when it is absent): known transforms from truth.json.</summary>
[TestFixture]
public sealed class ReferenceRegistrationTests
{
    private static Euler3DTransform Truth(string key)
    {
        JsonNode truth = JsonNode.Parse(File.ReadAllText(TestPaths.RequireGenerated("truth.json")))![key]!;
        var t = new Euler3DTransform
        {
            FixedParameters = [.. truth["fixed_parameters"]!.AsArray().Select(v => v!.GetValue<double>())],
        };
        t.Parameters = [.. truth["parameters"]!.AsArray().Select(v => v!.GetValue<double>())];
        return t;
    }

    [Test]
    public void Ch2_DefaultRigid_WithinHalfMillimetreAtCorners()
    {
        Volume f = ImageFile.Read(TestPaths.RequireGenerated("ch2.nii.gz"));
        Volume m = ImageFile.Read(TestPaths.RequireGenerated("ch2_moved.nii.gz"));
        RegistrationResult result = ImageRegistration.Rigid(f, m);
        double error = RegistrationPhantoms.CornerError(f.Geometry, result.Transform, Truth("ch2_moved"));
        // Issue #10 acceptance: ≤ 0.5 mm mean over the fixed image's 8 corners (ITK's rsgd: 0.03 mm).
        Assert.That(error, Is.LessThanOrEqualTo(0.5), string.Join(", ", result.Transform.Parameters));
    }
}
