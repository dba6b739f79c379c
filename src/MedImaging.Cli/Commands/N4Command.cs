using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.BiasCorrection;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg n4 IN OUT</c>: N4 bias field correction as SimpleITK's example script (Otsu mask when none, shrink, fit, divide).</summary>
internal static class N4Command
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Biased image (read as float32): " + ImageInputs.InDescription };
        var output = new Argument<string>("out") { Description = "Corrected image (float32)." };
        var mask = new Option<string?>("--mask") { Description = "Mask (voxels equal to 1 are fitted); default: Otsu mask, 200 bins, voxels above the threshold." };
        var iterations = new Option<string>("--iterations") { Description = "Maximum iterations per fitting level; the count sets the levels.", DefaultValueFactory = _ => "50,50,30,20" };
        var shrink = new Option<int>("--shrink") { Description = "Shrink factor on every axis before fitting.", DefaultValueFactory = _ => 4 };
        var threshold = new Option<double>("--threshold") { Description = "Convergence threshold (0 runs every iteration).", DefaultValueFactory = _ => 0.001 };
        var bins = new Option<int>("--bins") { Description = "Histogram bins of the sharpening step.", DefaultValueFactory = _ => 200 };
        var fwhm = new Option<double>("--fwhm") { Description = "Bias field full width at half maximum (log units).", DefaultValueFactory = _ => 0.15 };
        var logBias = new Option<string?>("--log-bias") { Description = "Also write the full-resolution log bias field here." };
        var command = new Command("n4", "N4 bias field correction (SimpleITK's N4BiasFieldCorrection example).")
        {
            input, output, mask, iterations, shrink, threshold, bins, fwhm, logBias,
        };
        var folder = new FolderOptions(command);

        CommandRunner.SetBody(command, context =>
        {
            ParseResult parse = context.Parse;
            int[] levels = ParseIterations(parse.GetValue(iterations)!);
            var options = new N4PipelineOptions
            {
                ShrinkFactor = parse.GetValue(shrink),
                N4 = new N4Options
                {
                    MaximumNumberOfIterations = levels,
                    ConvergenceThreshold = parse.GetValue(threshold),
                    NumberOfHistogramBins = parse.GetValue(bins),
                    BiasFieldFullWidthAtHalfMaximum = parse.GetValue(fwhm),
                },
            };
            if (options.ShrinkFactor < 1)
            {
                throw new UsageException("--shrink must be at least 1");
            }

            try
            {
                options.N4.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            Volume<float> image = ImageFilters.Cast(ImageInputs.ReadVolume(parse.GetValue(input)!, context.Execution, folder.Get(parse)), PixelType.Float32).As<float>();
            Volume<byte>? maskVolume = parse.GetValue(mask) is string maskPath
                ? SegmentationInputs.ReadMask(maskPath, context.Execution)
                : null;
            var execution = context.Execution with { Progress = context.Quiet ? null : new StderrProgress(context.Error) };
            TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            (N4PipelineResult result, double ms) = CliContext.Time(() => N4Pipeline.Execute(image, maskVolume, options, execution));
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds;

            ImageFile.Write(result.Corrected, parse.GetValue(output)!);
            if (parse.GetValue(logBias) is string logPath)
            {
                ImageFile.Write(result.LogBiasField, logPath);
            }

            var json = new JsonObject().AddGeometry(image.Geometry);
            json["iterations"] = Json.Array(result.Fit.Iterations);
            json["convergence"] = new JsonArray(result.Fit.ConvergenceValues.Select(Json.Number).ToArray());
            json["mask_voxels"] = SegmentationInputs.Count(result.Mask, options.N4.MaskLabel);
            if (result.OtsuThreshold is double t)
            {
                json["otsu_threshold"] = t;
            }

            json["cv_before"] = Json.Number(CoefficientOfVariation(image, result.Mask, options.N4.MaskLabel));
            json["cv_after"] = Json.Number(CoefficientOfVariation(result.Corrected, result.Mask, options.N4.MaskLabel));
            json["ms"] = Json.Ms(ms);
            json["cpu_ms"] = Json.Ms(cpuMs);
            return json;
        });
        return command;
    }

    private static int[] ParseIterations(string text)
    {
        double[] values = Json.ParseList(text, null, "--iterations");
        var levels = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < 1 || values[i] != Math.Floor(values[i]) || values[i] > int.MaxValue)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--iterations: '{values[i]}' is not a positive whole number"));
            }

            levels[i] = (int)values[i];
        }

        return levels;
    }

    /// <summary>Sample standard deviation / mean of the voxels where the mask equals <paramref name="label"/>.</summary>
    internal static double CoefficientOfVariation(Volume<float> image, Volume<byte> mask, byte label)
    {
        ReadOnlySpan<float> voxels = image.Voxels;
        ReadOnlySpan<byte> labels = mask.Voxels;
        double sum = 0;
        long n = 0;
        for (int i = 0; i < voxels.Length; i++)
        {
            if (labels[i] == label)
            {
                sum += voxels[i];
                n++;
            }
        }

        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < voxels.Length; i++)
        {
            if (labels[i] == label)
            {
                double d = voxels[i] - mean;
                squares += d * d;
            }
        }

        return Math.Sqrt(squares / (n - 1)) / mean;
    }
}
