using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Resampling;

namespace MedImaging.Cli.Commands;

/// <summary>
/// <c>medimg resample IN OUT (--spacing SX,SY,SZ | --reference REF) [--interpolator …] [--default V]
/// [--pixel-type keep|float32] [--truncate]</c>: ITK's ResampleImageFilter with the identity transform.
/// </summary>
internal static class ResampleCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Output image file; the extension picks the format." };
        var spacing = new Option<string?>("--spacing") { Description = "Output spacing in mm, SX,SY,SZ, or one value S for isotropic S,S,S; origin and direction kept, size = round(size·spacing/new spacing)." };
        var reference = new Option<string?>("--reference") { Description = "Image file (or DICOM file or folder) whose grid (size, spacing, origin, direction) the output takes." };
        var interpolator = new Option<string>("--interpolator") { Description = "nearest, linear, bspline (cubic), bspline0 to bspline5, hamming-sinc, cosine-sinc, welch-sinc, lanczos-sinc, blackman-sinc (radius 5, as SimpleITK) or label-gaussian (label images).", DefaultValueFactory = _ => "linear" };
        var defaultPixelValue = new Option<double>("--default") { Description = "Value of output voxels outside the input (e.g. -1024 for CT).", DefaultValueFactory = _ => 0 };
        var pixelType = new Option<string>("--pixel-type") { Description = "keep (the input's type) or float32.", DefaultValueFactory = _ => "keep" };
        var truncate = new Option<bool>("--truncate") { Description = "Truncate integer outputs toward zero as ITK does (default: round to nearest)." };
        var command = new Command("resample", "Resample an image onto a new spacing or a reference grid (ITK ResampleImageFilter, identity transform).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        foreach (Option option in new Option[] { spacing, reference, interpolator, defaultPixelValue, pixelType, truncate })
        {
            command.Options.Add(option);
        }

        var folder = new FolderOptions(command);

        CommandRunner.SetBody(command, ctx =>
        {
            string inPath = ctx.Parse.GetValue(input)!, outPath = ctx.Parse.GetValue(output)!;
            string? spacingText = ctx.Parse.GetValue(spacing), referencePath = ctx.Parse.GetValue(reference);
            if ((spacingText is null) == (referencePath is null))
            {
                throw new UsageException("give exactly one of --spacing SX,SY,SZ and --reference REF");
            }

            InterpolatorType kind = ParseInterpolator(ctx.Parse.GetValue(interpolator)!);
            PixelType? outputType = ctx.Parse.GetValue(pixelType) switch
            {
                "keep" => null,
                "float32" => PixelType.Float32,
                var other => throw new UsageException($"--pixel-type: '{other}' is not keep or float32"),
            };
            IntegerConversion conversion = ctx.Parse.GetValue(truncate) ? IntegerConversion.TruncateLikeItk : IntegerConversion.RoundToNearest;
            Vec3? newSpacing = spacingText is null ? null : ParseSpacing(spacingText);
            if (newSpacing is Vec3 s && !(s.X > 0 && s.Y > 0 && s.Z > 0))
            {
                throw new UsageException($"--spacing: every value must be > 0 mm, got {spacingText}");
            }

            Volume image = ImageInputs.ReadVolume(inPath, ctx.Execution, folder.Get(ctx.Parse));
            VolumeGeometry target = newSpacing is Vec3 sp
                ? Resampler.GeometryForSpacing(image.Geometry, sp)
                : ImageInputs.ReadGeometry(referencePath!, ctx.Execution);
            double defaultPixel = ctx.Parse.GetValue(defaultPixelValue);
            TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
            (VolumeSlabSource slabs, double setupMs) = CliContext.Time(() =>
                Resampler.ResampleSlabs(image, target, null, kind, defaultPixel, outputType, conversion, ctx.Execution));
            double setupCpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
            var accumulator = new StatisticsAccumulator(ctx.Execution);
            var result = new TimedSlabs(slabs, accumulator.Add);
            ImageFile.Write(result, outPath, execution: ctx.Execution);
            double ms = setupMs + result.Milliseconds, cpuMs = setupCpuMs + result.CpuMilliseconds;
            StatisticsResult stats = accumulator.Result();
            var json = new JsonObject
            {
                ["input"] = inPath,
                ["output"] = outPath,
                ["interpolator"] = kind.ToString(),
                ["pixel_type"] = result.PixelType.ToName(),
                ["default"] = defaultPixel,
            };
            json.AddGeometry(result.Geometry);
            json["min"] = Json.Number(stats.Minimum);
            json["max"] = Json.Number(stats.Maximum);
            json["mean"] = Json.Number(stats.Mean);
            json["ms"] = Json.Ms(ms);
            json["cpu_ms"] = Json.Ms(cpuMs);
            return json;
        });
        return command;
    }

    private static InterpolatorType ParseInterpolator(string name)
    {
        try
        {
            return InterpolatorTypes.Parse(name);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--interpolator: {ex.Message}");
        }
    }

    /// <summary>"SX,SY,SZ", or "S" for isotropic S,S,S (mm).</summary>
    private static Vec3 ParseSpacing(string text)
    {
        double[] values = Json.ParseList(text, null, "--spacing");
        return values.Length switch
        {
            1 => new Vec3(values[0], values[0], values[0]),
            3 => Vec3.FromSpan(values),
            _ => throw new UsageException($"--spacing: expected one value (isotropic) or three (SX,SY,SZ), got {values.Length}"),
        };
    }
}
