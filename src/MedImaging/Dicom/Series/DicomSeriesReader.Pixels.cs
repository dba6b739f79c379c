using System.Numerics;
using System.Runtime.InteropServices;

namespace MedImaging.Dicom.Series;

public static partial class DicomSeriesReader
{
    /// <summary>Decodes every slice, rescales it and places it in the volume(s) of <paramref name="geometry"/>.</summary>
    private static DicomSeriesReadResult Assemble(DicomSeriesInfo series, DicomImageHeader[] images, IReadOnlyList<IReadOnlyList<int>> volumes,
        VolumeGeometry geometry, StackIrregularity irregularities, List<string> warnings, ExecutionOptions? execution)
    {
        SeriesPixels pixels = SeriesPixels.Probe(series.Key, images);
        Volume[] output = [.. volumes.Select(v => pixels.DecodeVolume(images, v, geometry, execution))];
        return Result(series, images, volumes, output, irregularities, warnings, resampled: false, pixels.Rescale);
    }

    /// <summary>Applies the irregular-stack policy Error or Resample.</summary>
    private static DicomSeriesReadResult ReadIrregular(DicomSeriesInfo series, DicomImageHeader[] images, StackLayout layout,
        DicomSeriesReadOptions options, List<string> warnings, ExecutionOptions? execution)
    {
        string findings = string.Join("; ", layout.Findings);
        if (options.Irregular == IrregularStackPolicy.Error)
        {
            throw new SeriesInconsistentException(series.Key, $"irregular stack ({findings}); choose the Resample, Split or Warn policy to read it");
        }

        SeriesPixels pixels = SeriesPixels.Probe(series.Key, images);
        SlicePlane[] planes = [.. layout.Volumes[0].Select(i => images[i].Plane!)];
        VolumeGeometry target = StackRegularizer.TargetGeometry(planes, layout.SliceSpacing);
        Volume[] output = [.. layout.Volumes.Select(v => pixels.DecodeRegularized(images, v, target, options.DefaultValue, execution))];
        warnings.Add(Format($"resampled onto a regular orthogonal grid: {target.Size} voxels, spacing {target.Spacing} mm (linear along the normal, bilinear in-plane for the shear)"));
        return Result(series, images, layout.Volumes, output, layout.Irregularities, warnings, resampled: true, pixels.Rescale);
    }

    /// <summary>
    /// Policy Split: one result per run of consecutive slices that are equally spaced and not sheared relative to the
    /// run's first slice; the runs' boundaries come from the first volume and apply to every volume.
    /// </summary>
    private static List<DicomSeriesReadResult> ReadRuns(DicomSeriesInfo series, DicomImageHeader[] images, StackLayout layout,
        DicomSeriesReadOptions options, ExecutionOptions? execution)
    {
        var results = new List<DicomSeriesReadResult>();
        int n = layout.Volumes[0].Count;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && FitsRun(images, layout, start, end, options.PositionTolerance))
            {
                end++;
            }

            IReadOnlyList<IReadOnlyList<int>> part = [.. layout.Volumes.Select(v => (IReadOnlyList<int>)[.. v.Skip(start).Take(end - start)])];
            StackLayout runLayout = StackAnalyzer.Analyze([.. part.SelectMany(v => v).Select(i => images[i].Plane!)], options.PositionTolerance);
            var warnings = new List<string> { Format($"split policy: run {results.Count + 1} holds slices {start + 1} to {end} of {n} along the normal") };
            DicomImageHeader[] runImages = [.. part.SelectMany(v => v).Select(i => images[i])];
            results.Add(ReadRegular(series with { Key = Format($"{series.Key}#run{results.Count + 1}") }, runImages, runLayout, warnings, execution));
            start = end;
        }

        return results;
    }

    private static bool FitsRun(DicomImageHeader[] images, StackLayout layout, int start, int candidate, double tolerance)
    {
        IReadOnlyList<int> order = layout.Volumes[0];
        SlicePlane s0 = images[order[start]].Plane!;
        Vec3 normal = layout.Normal;
        double step = Vec3.Dot(images[order[start + 1]].Plane!.Position - s0.Position, normal);
        Vec3 offset = images[order[candidate]].Plane!.Position - s0.Position;
        return (offset - normal * ((candidate - start) * step)).Length <= tolerance;
    }

    private static DicomSeriesReadResult Result(DicomSeriesInfo series, DicomImageHeader[] images, IReadOnlyList<IReadOnlyList<int>> volumes,
        Volume[] output, StackIrregularity irregularities, List<string> warnings, bool resampled, IReadOnlyList<(double Slope, double Intercept)> rescale)
    {
        int[] order = [.. volumes.SelectMany(v => v)];
        var report = new SeriesReport
        {
            Key = series.Key,
            Files = [.. order.Select(i => images[i].Path)],
            SlicePositions = [.. order.Select(i => images[i].Plane?.Position ?? Vec3.Zero)],
            Irregularities = irregularities,
            Warnings = warnings,
            Resampled = resampled,
            VolumeCount = output.Length,
            Rescale = [.. order.Select(i => rescale[i])],
            SplitReasons = series.SplitReasons,
        };
        return new DicomSeriesReadResult(output[0], new VolumeSeries(output), report);
    }

    /// <summary>The pixel format shared by a series' images and the rescale of each image.</summary>
    private sealed class SeriesPixels
    {
        private readonly string _key;

        private SeriesPixels(string key, PixelType type, IReadOnlyList<(double, double)> rescale)
        {
            _key = key;
            Type = type;
            Rescale = rescale;
        }

        public PixelType Type { get; }

        public IReadOnlyList<(double Slope, double Intercept)> Rescale { get; }

        public static SeriesPixels Probe(string key, DicomImageHeader[] images)
        {
            DicomPixelData first = DicomPixelData.Create(DicomFile.Open(images[0].Path));
            if (first.SamplesPerPixel != 1)
            {
                throw new SeriesInconsistentException(key, $"'{images[0].Path}' has {first.SamplesPerPixel} samples per pixel ({first.PhotometricInterpretation}); volumes are grayscale");
            }

            (double, double)[] rescale = [.. images.Select(h => h.Rescale)];
            PixelType type = SeriesPixelType.Choose(first.BitsAllocated, first.BitsStored, first.IsSigned, first.IsFloat, rescale);
            return new SeriesPixels(key, type, rescale);
        }

        public Volume DecodeVolume(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry geometry, ExecutionOptions? execution) =>
            Type switch
            {
                PixelType.UInt8 => Decode<byte>(images, slices, geometry, execution),
                PixelType.Int8 => Decode<sbyte>(images, slices, geometry, execution),
                PixelType.UInt16 => Decode<ushort>(images, slices, geometry, execution),
                PixelType.Int16 => Decode<short>(images, slices, geometry, execution),
                PixelType.UInt32 => Decode<uint>(images, slices, geometry, execution),
                PixelType.Int32 => Decode<int>(images, slices, geometry, execution),
                PixelType.Float32 => Decode<float>(images, slices, geometry, execution),
                _ => Decode<double>(images, slices, geometry, execution),
            };

        public Volume DecodeRegularized(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry target, double? defaultValue, ExecutionOptions? execution) =>
            Type switch
            {
                PixelType.UInt8 => Regularize<byte>(images, slices, target, defaultValue, execution),
                PixelType.Int8 => Regularize<sbyte>(images, slices, target, defaultValue, execution),
                PixelType.UInt16 => Regularize<ushort>(images, slices, target, defaultValue, execution),
                PixelType.Int16 => Regularize<short>(images, slices, target, defaultValue, execution),
                PixelType.UInt32 => Regularize<uint>(images, slices, target, defaultValue, execution),
                PixelType.Int32 => Regularize<int>(images, slices, target, defaultValue, execution),
                PixelType.Float32 => Regularize<float>(images, slices, target, defaultValue, execution),
                _ => Regularize<double>(images, slices, target, defaultValue, execution),
            };

        private Volume<T> Decode<T>(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry geometry, ExecutionOptions? execution)
            where T : unmanaged, INumber<T>
        {
            var volume = new Volume<T>(geometry);
            Parallelism.For(slices.Count, 1, execution, (start, end) =>
            {
                for (int k = start; k < end; k++)
                {
                    DecodeSlice(images, slices[k], volume.GetSlice(k));
                }
            });
            return volume;
        }

        private Volume<T> Regularize<T>(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry target, double? defaultValue, ExecutionOptions? execution)
            where T : unmanaged, INumber<T>
        {
            var buffers = new T[slices.Count][];
            Parallelism.For(slices.Count, 1, execution, (start, end) =>
            {
                for (int k = start; k < end; k++)
                {
                    DicomImageHeader h = images[slices[k]];
                    buffers[k] = new T[h.Rows * h.Columns];
                    DecodeSlice(images, slices[k], buffers[k]);
                }
            });
            double fill = defaultValue ?? buffers.Min(b => b.Length == 0 ? 0 : double.CreateTruncating(b.Min()));
            return StackRegularizer.Resample<T>([.. slices.Select(i => images[i].Plane!)], buffers, target, fill, execution);
        }

        public void DecodeSlice<T>(DicomImageHeader[] images, int index, Span<T> destination)
            where T : unmanaged, INumber<T>
        {
            DicomImageHeader header = images[index];
            DicomPixelData pixels = DicomPixelData.Create(DicomFile.Open(header.Path));
            if (pixels.Rows != header.Rows || pixels.Columns != header.Columns || pixels.SamplesPerPixel != 1)
            {
                throw new SeriesInconsistentException(_key, $"'{header.Path}' holds {pixels.Columns}x{pixels.Rows}x{pixels.SamplesPerPixel} pixels, the series {header.Columns}x{header.Rows}x1");
            }

            (double slope, double intercept) = Rescale[index];
            byte[] frame = pixels.GetFrame(header.Frame);
            if (pixels.BytesPerValue == 2 && !pixels.IsFloat && BitConverter.IsLittleEndian)
            {
                // Canonical 16-bit values are little endian: read them in place instead of through double[].
                if (pixels.IsSigned)
                {
                    RescaleInto(MemoryMarshal.Cast<byte, short>(frame), destination, slope, intercept);
                }
                else
                {
                    RescaleInto(MemoryMarshal.Cast<byte, ushort>(frame), destination, slope, intercept);
                }

                return;
            }

            double[] stored = new double[destination.Length];
            pixels.CopyFrameTo<double>(header.Frame, stored);
            for (int i = 0; i < stored.Length; i++)
            {
                destination[i] = Rescaled<T>(stored[i], slope, intercept);
            }
        }

        /// <summary>
        /// Rescales stored 16-bit values into <paramref name="destination"/>. With slope 1 and an integral intercept the
        /// output type holds every result exactly (<see cref="SeriesPixelType"/> chose it so): integer addition only.
        /// </summary>
        private static void RescaleInto<TIn, T>(ReadOnlySpan<TIn> stored, Span<T> destination, double slope, double intercept)
            where TIn : unmanaged, IBinaryInteger<TIn>
            where T : unmanaged, INumber<T>
        {
            int n = destination.Length;
            if (slope == 1 && intercept == Math.Floor(intercept) && Math.Abs(intercept) < int.MaxValue / 2
                && typeof(T) != typeof(float) && typeof(T) != typeof(double))
            {
                int offset = (int)intercept;
                for (int i = 0; i < n; i++)
                {
                    destination[i] = T.CreateTruncating(int.CreateTruncating(stored[i]) + offset);
                }

                return;
            }

            for (int i = 0; i < n; i++)
            {
                destination[i] = Rescaled<T>(double.CreateTruncating(stored[i]), slope, intercept);
            }
        }
    }
}
