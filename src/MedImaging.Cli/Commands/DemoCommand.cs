using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg demo OUTDIR</c>: writes the synthetic CT phantom (<see cref="DemoPhantom"/>) as NIfTI, reads it back,
/// prints its <c>info</c> and <c>checks[]</c> comparing known answers with what was read. Exit 1 when a check fails.
/// </summary>
internal static class DemoCommand
{
    /// <summary>NIfTI-1 stores origin and spacing as float32: ≤ 4e-6 mm here, checked against the 1e-4 mm bound.</summary>
    private const double NiftiGeometryTolerance = 1e-4;

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var outDir = new Argument<string>("outdir") { Description = "Folder to write phantom.nii.gz into (created when missing)." };
        var command = new Command("demo", "Write a synthetic CT phantom with known answers as NIfTI, read it back and check the answers.");
        command.Arguments.Add(outDir);
        CommandRunner.SetBody(command, ctx =>
        {
            string dir = ctx.Parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, "phantom.nii.gz");
            ImageFile.Write(DemoPhantom.Create(), path);
            JsonObject json = InfoCommand.Run(path, ctx.Execution);
            JsonArray checks = Checks(ImageFile.Read(path), json, ctx.Execution);
            json["checks"] = checks;
            json["passed"] = checks.All(c => c!["pass"]!.GetValue<bool>());
            if (!json["passed"]!.GetValue<bool>())
            {
                ctx.Warn(json.ToJsonString());
                throw new MedImagingException($"demo: a known answer was not reproduced reading '{path}' (see the JSON on stderr)");
            }

            return json;
        });
        return command;
    }

    private static JsonArray Checks(Volume read, JsonObject info, ExecutionOptions execution)
    {
        VolumeGeometry truth = DemoPhantom.Geometry;
        long total = truth.VoxelCount, body = DemoPhantom.ExpectedBodyVoxels(), lesion = DemoPhantom.ExpectedLesionVoxels();
        double expectedSum = (double)DemoPhantom.Air * (total - body) + (double)DemoPhantom.Lesion * lesion;
        double lesionVoxels = ImageFilters.Statistics(ImageFilters.BinaryThreshold(read, DemoPhantom.Lesion, DemoPhantom.Lesion, execution: execution), execution).Sum;
        double bodyVoxels = ImageFilters.Statistics(ImageFilters.BinaryThreshold(read, DemoPhantom.Body, short.MaxValue, execution: execution), execution).Sum;
        double analyticMl = 4.0 / 3.0 * Math.PI * Math.Pow(DemoPhantom.LesionRadius, 3) / 1000;
        // The params constructor takes the checks as JsonNode; a collection expression would add each JsonObject
        // through the generic JsonArray.Add<T> (reflection-based serializer, not AOT-compatible).
        return new JsonArray(
            Check("pixel_type_is_int16", 1, read.PixelType == PixelType.Int16 ? 1 : 0, 0),
            Check("size", 0, truth.Size == read.Size ? 0 : 1, 0),
            Check("origin_max_error_mm", 0, Vec3.MaxAbsDifference(truth.Origin, read.Geometry.Origin), NiftiGeometryTolerance),
            Check("spacing_max_error_mm", 0, Vec3.MaxAbsDifference(truth.Spacing, read.Geometry.Spacing), NiftiGeometryTolerance),
            Check("direction_max_error", 0, Mat3.MaxAbsDifference(truth.Direction, read.Geometry.Direction), 1e-6),
            Check("min_hu", DemoPhantom.Air, info["min"]!.GetValue<double>(), 0),
            Check("max_hu", DemoPhantom.Lesion, info["max"]!.GetValue<double>(), 0),
            Check("sum_hu", expectedSum, info["sum"]!.GetValue<double>(), 0),
            Check("lesion_voxels", lesion, lesionVoxels, 0),
            Check("body_voxels", body, bodyVoxels, 0),
            // The voxelised sphere against 4/3·π·r³: every voxel whose centre-in/out decision differs from its true
            // coverage lies within half a voxel diagonal of the surface, so |error| ≤ 4πr² · diagonal / 2 (mm³).
            Check("lesion_volume_ml_vs_analytic", analyticMl, lesionVoxels * truth.VoxelVolume / 1000,
                4 * Math.PI * DemoPhantom.LesionRadius * DemoPhantom.LesionRadius * truth.Spacing.Length / 2 / 1000));
    }

    private static JsonObject Check(string name, double expected, double actual, double tolerance) => new()
    {
        ["name"] = name,
        ["expected"] = expected,
        ["actual"] = actual,
        ["tolerance"] = tolerance,
        ["pass"] = Math.Abs(expected - actual) <= tolerance,
    };
}
