using System.Numerics;

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

        SliceFaults.ThrowIfGridTooLarge([.. layout.Volumes[0].Select(i => images[i])], layout.SliceSpacing);
        SeriesPixels pixels = SeriesPixels.Probe(series.Key, images);
        SlicePlane[] planes = [.. layout.Volumes[0].Select(i => images[i].Plane!)];
        VolumeGeometry target = StackRegularizer.TargetGeometry(planes, layout.SliceSpacing);
        Volume[] output = [.. layout.Volumes.Select(v => pixels.DecodeRegularized(images, v, target, options.DefaultPixelValue, execution))];
        string how = (layout.Irregularities & StackIrregularity.GantryTilt) != 0 ? "linear along the normal, bilinear in-plane for the shear" : "linear along the normal";
        warnings.Add(Format($"resampled onto a regular orthogonal grid: {target.Size} voxels, spacing {target.Spacing} mm ({how})"));
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
            results.Add(ReadRegular(series with { Key = Format($"{series.Key}#run{results.Count + 1}") }, runImages, runLayout, warnings, execution, runLayout.IsRegular));
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
        /// <summary>
        /// Slices per parallel block: a block's slices share one open file (multi-frame) and the blocks' boundaries
        /// never depend on the thread count; every slice is independent, so results are identical for any count.
        /// </summary>
        private const int SlicesPerBlock = 8;

        private readonly string _key;

        private SeriesPixels(string key, PixelType type, IReadOnlyList<(double, double)> rescale)
        {
            _key = key;
            Type = type;
            Rescale = rescale;
        }

        public PixelType Type { get; }

        public IReadOnlyList<(double Slope, double Intercept)> Rescale { get; }

        /// <summary>
        /// The series' voxel type from the first image's header (no file is opened when the scan located its native
        /// pixel data; else the first file is parsed as a whole).
        /// </summary>
        public static SeriesPixels Probe(string key, DicomImageHeader[] images)
        {
            DicomImageHeader head = images[0];
            (double, double)[] rescale = [.. images.Select(h => h.Rescale)];
            if (head.PixelDataExtent is { } extent && extent.Tag == DicomTag.PixelData && extent.IsNativeLittleEndian && head.SamplesPerPixel == 1
                && head.BitsAllocated is 8 or 16 or 32)
            {
                int bitsStored = head.Dataset.GetInt32OrDefault(DicomTag.BitsStored, head.BitsAllocated);
                return new SeriesPixels(key, SeriesPixelType.Choose(head.BitsAllocated, bitsStored, head.PixelRepresentation == 1, false, rescale), rescale);
            }

            DicomPixelData first;
            try
            {
                first = DicomPixelData.Create(DicomFile.Open(head.Path));
            }
            catch (Exception ex) when (BadSlicesException.IsFileFault(ex))
            {
                throw new BadSlicesException([BadSlicesException.Of(head.Path, ex)], ex);
            }

            if (first.SamplesPerPixel != 1)
            {
                throw new SeriesInconsistentException(key, $"'{head.Path}' has {first.SamplesPerPixel} samples per pixel ({first.PhotometricInterpretation}); volumes are grayscale");
            }

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

        public Volume DecodeRegularized(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry target, double? defaultPixelValue, ExecutionOptions? execution) =>
            Type switch
            {
                PixelType.UInt8 => Regularize<byte>(images, slices, target, defaultPixelValue, execution),
                PixelType.Int8 => Regularize<sbyte>(images, slices, target, defaultPixelValue, execution),
                PixelType.UInt16 => Regularize<ushort>(images, slices, target, defaultPixelValue, execution),
                PixelType.Int16 => Regularize<short>(images, slices, target, defaultPixelValue, execution),
                PixelType.UInt32 => Regularize<uint>(images, slices, target, defaultPixelValue, execution),
                PixelType.Int32 => Regularize<int>(images, slices, target, defaultPixelValue, execution),
                PixelType.Float32 => Regularize<float>(images, slices, target, defaultPixelValue, execution),
                _ => Regularize<double>(images, slices, target, defaultPixelValue, execution),
            };

        private Volume<T> Decode<T>(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry geometry, ExecutionOptions? execution)
            where T : unmanaged, INumber<T>
        {
            // Every voxel is written below, so the 64 MiB-class buffer need not be zeroed first.
            var volume = new Volume<T>(geometry, VoxelArrays.Allocate<T>(checked((int)geometry.Size.VoxelCount), zeroed: false));
            ReadSlices(images, slices, execution, (reader, k, header) => reader.Read(header, Rescale[slices[k]], volume.GetSlice(k)));
            return volume;
        }

        private Volume<T> Regularize<T>(DicomImageHeader[] images, IReadOnlyList<int> slices, VolumeGeometry target, double? defaultPixelValue, ExecutionOptions? execution)
            where T : unmanaged, INumber<T>
        {
            var buffers = new T[slices.Count][];
            ReadSlices(images, slices, execution, (reader, k, header) =>
            {
                buffers[k] = new T[header.Rows * header.Columns];
                reader.Read(header, Rescale[slices[k]], buffers[k]);
            });
            double fill = defaultPixelValue ?? buffers.Min(b => b.Length == 0 ? 0 : double.CreateTruncating(b.Min()));
            return StackRegularizer.Resample<T>([.. slices.Select(i => images[i].Plane!)], buffers, target, fill, execution);
        }

        /// <summary>
        /// Runs <paramref name="read"/>(reader, k, header) for every slice k in parallel blocks; a slice that throws is
        /// recorded, never stops the others, and all such files are thrown together once every slice was tried.
        /// </summary>
        /// <exception cref="BadSlicesException">Some slices could not be read.</exception>
        private void ReadSlices(DicomImageHeader[] images, IReadOnlyList<int> slices, ExecutionOptions? execution, Action<SeriesSliceReader, int, DicomImageHeader> read)
        {
            var faults = new Exception?[slices.Count];
            Parallelism.For(slices.Count, SlicesPerBlock, execution, (start, end) =>
            {
                using var reader = new SeriesSliceReader(_key);
                for (int k = start; k < end; k++)
                {
                    try
                    {
                        read(reader, k, images[slices[k]]);
                    }
                    catch (Exception ex) when (BadSlicesException.IsFileFault(ex))
                    {
                        faults[k] = ex;
                    }
                }
            });
            BadSlicesException.ThrowIfAny([.. slices.Select(i => images[i])], faults);
        }

        /// <summary>Reads image <paramref name="index"/> (rows × columns values, after rescale) into <paramref name="destination"/>.</summary>
        public void DecodeSlice<T>(DicomImageHeader[] images, int index, Span<T> destination)
            where T : unmanaged, INumber<T>
        {
            using var reader = new SeriesSliceReader(_key);
            reader.Read(images[index], Rescale[index], destination);
        }
    }
}
