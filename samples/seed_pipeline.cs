#:package MedImaging@0.1.0
#:property InvariantGlobalization=true

// The seed's SimpleITK CT script in C# (docs/PORTING.md has both side by side): read the largest DICOM series,
// resample to isotropic spacing with a cubic B-spline (-1024 HU outside), threshold [lower, upper] HU, binary closing
// with a ball, label statistics, NIfTI out. Run as a file-based app (.NET 10):
//   dotnet run seed_pipeline.cs -- DICOM_DIR OUT_DIR [spacing_mm=0.7] [lower_hu=0] [upper_hu=100] [radius_voxels=3]
// SeedPipeline/SeedPipeline.csproj builds this same file as a console project.
using System.Globalization;
using System.Text.Json;
using MedImaging;
using MedImaging.Dicom.Series;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Measurements;
using MedImaging.Resampling;

if (args.Length is < 2 or > 6)
{
    Console.Error.WriteLine("usage: seed_pipeline DICOM_DIR OUT_DIR [spacing_mm=0.7] [lower_hu=0] [upper_hu=100] [radius_voxels=3]");
    return 2;
}

double Number(int index, double fallback) =>
    args.Length > index ? double.Parse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

string dicomFolder = args[0], outputFolder = args[1];
double spacing = Number(2, 0.7), lower = Number(3, 0), upper = Number(4, 100);
int radius = (int)Number(5, 3);

try
{
    // image = sitk.ReadImage(largest series file names)
    Volume<short> ct = DicomSeriesReader.Read(dicomFolder).Volume.As<short>();
    // sitk.Resample(image, size, sitk.Transform(), sitk.sitkBSpline, origin, (0.7,)*3, direction, -1024, image.GetPixelID())
    Volume<short> iso = Resampler.ResampleToSpacing(ct, new Vec3(spacing, spacing, spacing), InterpolatorType.BSpline3, defaultPixelValue: -1024);
    // sitk.BinaryThreshold(iso, 0, 100, 1, 0)
    Volume<byte> mask = ImageFilters.BinaryThreshold(iso, lowerThreshold: lower, upperThreshold: upper);
    // sitk.BinaryMorphologicalClosing(mask, [3, 3, 3], sitk.sitkBall)
    Volume<byte> liver = ImageFilters.BinaryMorphologicalClosing(mask, radius, KernelType.Ball);
    // sitk.LabelStatisticsImageFilter / sitk.LabelShapeStatisticsImageFilter, label 1
    LabelIntensityStatistics hu = ImageMeasurements.LabelStatistics(iso, liver, onlyLabels: [1]).Get(1);
    LabelShapeStatistics shape = ImageMeasurements.LabelShapeStatistics(liver).Get(1);

    Directory.CreateDirectory(outputFolder);
    ImageFile.Write(iso, Path.Combine(outputFolder, "ct_isotropic.nii.gz"));
    ImageFile.Write(liver, Path.Combine(outputFolder, "liver_mask.nii.gz"));

    using var report = new MemoryStream();
    using (var json = new Utf8JsonWriter(report, new JsonWriterOptions { Indented = true }))
    {
        json.WriteStartObject();
        json.WritePropertyName("size");
        WriteNumbers(json, iso.Size.X, iso.Size.Y, iso.Size.Z);
        json.WritePropertyName("spacing_mm");
        WriteNumbers(json, iso.Geometry.Spacing.X, iso.Geometry.Spacing.Y, iso.Geometry.Spacing.Z);
        json.WriteNumber("voxels", shape.NumberOfPixels);
        json.WriteNumber("volume_ml", shape.PhysicalSizeMl);
        json.WriteNumber("mean_hu", hu.Mean);
        json.WriteNumber("sd_hu", hu.Sigma);
        json.WritePropertyName("bbox_index");
        WriteNumbers(json, shape.BoundingBoxIndex.X, shape.BoundingBoxIndex.Y, shape.BoundingBoxIndex.Z);
        json.WritePropertyName("bbox_size");
        WriteNumbers(json, shape.BoundingBoxSize.X, shape.BoundingBoxSize.Y, shape.BoundingBoxSize.Z);
        json.WritePropertyName("bbox_min_lps_mm");
        WriteNumbers(json, shape.PhysicalBoundingBoxMin.X, shape.PhysicalBoundingBoxMin.Y, shape.PhysicalBoundingBoxMin.Z);
        json.WritePropertyName("bbox_max_lps_mm");
        WriteNumbers(json, shape.PhysicalBoundingBoxMax.X, shape.PhysicalBoundingBoxMax.Y, shape.PhysicalBoundingBoxMax.Z);
        json.WriteEndObject();
    }

    File.WriteAllBytes(Path.Combine(outputFolder, "report.json"), report.ToArray());
    Console.WriteLine(System.Text.Encoding.UTF8.GetString(report.ToArray()));
    return 0;
}
catch (Exception e) when (e is MedImagingException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static void WriteNumbers(Utf8JsonWriter json, params double[] values)
{
    json.WriteStartArray();
    foreach (double v in values)
    {
        json.WriteNumberValue(v);
    }

    json.WriteEndArray();
}
