using System.Numerics;
using System.Runtime.InteropServices;
using MedImaging.Transforms;

namespace MedImaging.Resampling;

/// <summary>
/// Resampling onto a new grid: ITK's <c>ResampleImageFilter</c>, SimpleITK's <c>Resample</c> and the cookbook's
/// resample-to-spacing. Every output voxel centre x (LPS mm) is mapped through the transform T (output/fixed space
/// → input/moving space, ITK's convention) and the input is interpolated there when its continuous index lies in
/// [−0.5, size − 0.5) on every axis; elsewhere the output holds the default pixel value.
/// <para>
/// Differences from ITK: integer outputs are rounded to nearest by default (ITK truncates toward zero:
/// pass <see cref="IntegerConversion.TruncateLikeItk"/> to reproduce it); both clamp to the type's range.
/// When the index map is separable (identity or axis-aligned transform with the same axis order) the work runs
/// per axis (prefilter once per axis, rows with SIMD); otherwise row by row with incremental index stepping.
/// Results are bit-identical for any thread count.
/// </para>
/// </summary>
public static partial class Resampler
{
    /// <summary>Largest output, in voxels (2³¹ − 1, one .NET array).</summary>
    public const long MaximumVoxelCount = int.MaxValue;

    /// <summary>
    /// Resamples <paramref name="image"/> onto <paramref name="referenceGeometry"/>, keeping the pixel type
    /// (SimpleITK <c>Resample(image, referenceImage, transform, interpolator, defaultPixelValue)</c>).
    /// </summary>
    /// <param name="image">The input (moving) volume.</param>
    /// <param name="referenceGeometry">The output grid: size, spacing (mm), origin and direction (LPS).</param>
    /// <param name="transform">Maps output LPS points (mm) to input LPS points; null for identity.</param>
    /// <param name="interpolator">The interpolator (SimpleITK's default is linear).</param>
    /// <param name="defaultPixelValue">Value of output voxels that map outside the input (e.g. −1024 HU for CT).</param>
    /// <param name="conversion">How interpolated values become integers (ignored for float outputs).</param>
    /// <param name="execution">Threads, cancellation and memory budget; null for defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="referenceGeometry"/> is null.</exception>
    /// <exception cref="MedImagingException">The output (or the interpolation workspace) exceeds
    /// <see cref="MaximumVoxelCount"/> or <see cref="ExecutionOptions.MemoryBudgetBytes"/>.</exception>
    public static Volume<T> Resample<T>(Volume<T> image, VolumeGeometry referenceGeometry, ITransform? transform = null,
        InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> =>
        Resample<T, T>(image, referenceGeometry, transform, interpolator, defaultPixelValue, conversion, execution);

    /// <summary>
    /// Resamples onto an explicit grid (SimpleITK <c>Resample(image, size, transform, interpolator, outputOrigin,
    /// outputSpacing, outputDirection, defaultPixelValue)</c>).
    /// </summary>
    /// <param name="image">The input volume.</param>
    /// <param name="size">Output voxels per axis, each ≥ 1.</param>
    /// <param name="spacing">Output spacing, mm, each finite and &gt; 0.</param>
    /// <param name="origin">LPS centre of output voxel (0, 0, 0), mm.</param>
    /// <param name="direction">Output direction cosines (columns = index axes in LPS), orthonormal.</param>
    /// <param name="transform">Output → input transform; null for identity.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value outside the input.</param>
    /// <param name="conversion">Integer conversion of interpolated values.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">A size or spacing is not positive, or the direction is not orthonormal.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume<T> Resample<T>(Volume<T> image, Size3 size, Vec3 spacing, Vec3 origin, Mat3 direction,
        ITransform? transform = null, InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T> =>
        Resample<T, T>(image, new VolumeGeometry(size, spacing, origin, direction), transform, interpolator, defaultPixelValue, conversion, execution);

    /// <summary>
    /// Resamples into another pixel type <typeparamref name="TOut"/> (SimpleITK's <c>outputPixelType</c>); see
    /// <see cref="Resample{T}(Volume{T}, VolumeGeometry, ITransform?, InterpolatorType, double, IntegerConversion, ExecutionOptions?)"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="referenceGeometry"/> is null.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume<TOut> Resample<TIn, TOut>(Volume<TIn> image, VolumeGeometry referenceGeometry, ITransform? transform = null,
        InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(referenceGeometry);
        CheckInterpolator(interpolator);
        transform ??= IdentityTransform.Instance;
        execution ??= ExecutionOptions.Default;
        AxisTable[]? tables = SeparableTables(image.Geometry, referenceGeometry, transform, interpolator);
        EnsureFits(image, referenceGeometry, tables, interpolator, PixelTypes.Of<TOut>().SizeInBytes(), execution);

        // Every voxel is written below (values, or the default outside the input), so the buffer starts uninitialised.
        var output = new Volume<TOut>(referenceGeometry, VoxelArrays.Allocate<TOut>((int)referenceGeometry.VoxelCount, zeroed: false));
        Run(image, output, tables, transform, interpolator, defaultPixelValue, conversion, execution);
        return output;
    }

    /// <summary>
    /// Resamples into an existing volume: its geometry is the output grid and every voxel is overwritten. The
    /// allocation-free form of <see cref="Resample{TIn, TOut}"/> for callers that resample many times onto the same
    /// grid (a buffer reused across cases or iterations).
    /// </summary>
    /// <param name="image">The input (moving) volume.</param>
    /// <param name="destination">The output: its grid is the reference geometry; it must not share memory with
    /// <paramref name="image"/>.</param>
    /// <param name="transform">Maps output LPS points (mm) to input LPS points; null for identity.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value of output voxels that map outside the input.</param>
    /// <param name="conversion">How interpolated values become integers (ignored for float outputs).</param>
    /// <param name="execution">Threads, cancellation and memory budget (which here counts the workspace only).</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> overlaps <paramref name="image"/>.</exception>
    /// <exception cref="MedImagingException">The interpolation workspace exceeds the memory budget.</exception>
    public static void ResampleInto<TIn, TOut>(Volume<TIn> image, Volume<TOut> destination, ITransform? transform = null,
        InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        CheckInterpolator(interpolator);
        if (MemoryMarshal.AsBytes(image.Voxels).Overlaps(MemoryMarshal.AsBytes(destination.Voxels)))
        {
            throw new ArgumentException("the destination volume shares memory with the input; resampling in place is not possible", nameof(destination));
        }

        transform ??= IdentityTransform.Instance;
        execution ??= ExecutionOptions.Default;
        AxisTable[]? tables = SeparableTables(image.Geometry, destination.Geometry, transform, interpolator);
        EnsureFits(image, destination.Geometry, tables, interpolator, 0, execution);
        Run(image, destination, tables, transform, interpolator, defaultPixelValue, conversion, execution);
    }

    /// <summary>
    /// Resamples a volume of any pixel type; <paramref name="outputPixelType"/> null keeps the input's (SimpleITK's
    /// <c>sitkUnknown</c>). See <see cref="Resample{TIn, TOut}"/>.
    /// </summary>
    /// <param name="image">The input (moving) volume, any voxel type.</param>
    /// <param name="referenceGeometry">The output grid: size, spacing (mm), origin and direction (LPS).</param>
    /// <param name="transform">Maps output LPS points (mm) to input LPS points; null for identity.</param>
    /// <param name="interpolator">The interpolator (SimpleITK's default is linear).</param>
    /// <param name="defaultPixelValue">Value of output voxels that map outside the input.</param>
    /// <param name="outputPixelType">Output voxel type; null keeps the input's.</param>
    /// <param name="conversion">How interpolated values become integers (ignored for float outputs).</param>
    /// <param name="execution">Threads, cancellation and memory budget; null for defaults.</param>
    /// <returns>A volume on <paramref name="referenceGeometry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="referenceGeometry"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputPixelType"/> or <paramref name="interpolator"/> is not a defined value.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume Resample(Volume image, VolumeGeometry referenceGeometry, ITransform? transform = null,
        InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0, PixelType? outputPixelType = null,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var request = new ResampleRequest(referenceGeometry, transform, interpolator, defaultPixelValue, conversion, execution);
        return image.Accept(new ResampleVisitor(request, (outputPixelType ?? image.PixelType).CheckDefined(nameof(outputPixelType))));
    }

    /// <summary>
    /// Resamples a volume of any pixel type onto an explicit grid; <paramref name="outputPixelType"/> null keeps the
    /// input's. See <see cref="Resample{T}(Volume{T}, Size3, Vec3, Vec3, Mat3, ITransform?, InterpolatorType, double, IntegerConversion, ExecutionOptions?)"/>.
    /// </summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="size">Output voxels per axis, each ≥ 1.</param>
    /// <param name="spacing">Output spacing, mm, each finite and &gt; 0.</param>
    /// <param name="origin">LPS centre of output voxel (0, 0, 0), mm.</param>
    /// <param name="direction">Output direction cosines (columns = index axes in LPS), orthonormal.</param>
    /// <param name="transform">Output → input transform; null for identity.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value outside the input.</param>
    /// <param name="outputPixelType">Output voxel type; null keeps the input's.</param>
    /// <param name="conversion">Integer conversion of interpolated values.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>A volume on the given grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException">A size or spacing is not positive, or the direction is not orthonormal.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputPixelType"/> or <paramref name="interpolator"/> is not a defined value.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume Resample(Volume image, Size3 size, Vec3 spacing, Vec3 origin, Mat3 direction,
        ITransform? transform = null, InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0,
        PixelType? outputPixelType = null, IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null) =>
        Resample(image, new VolumeGeometry(size, spacing, origin, direction), transform, interpolator, defaultPixelValue, outputPixelType, conversion, execution);

    /// <summary>
    /// <see cref="ResampleInto{TIn, TOut}"/> for an input and a destination of any voxel types: the destination's
    /// grid and voxel type are the output's, and every voxel of it is overwritten.
    /// </summary>
    /// <param name="image">The input (moving) volume, any voxel type.</param>
    /// <param name="destination">The output, any voxel type: its grid is the reference geometry; it must not share
    /// memory with <paramref name="image"/>.</param>
    /// <param name="transform">Maps output LPS points (mm) to input LPS points; null for identity.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value of output voxels that map outside the input.</param>
    /// <param name="conversion">How interpolated values become integers (ignored for float outputs).</param>
    /// <param name="execution">Threads, cancellation and memory budget (which here counts the workspace only).</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> overlaps <paramref name="image"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interpolator"/> is not a defined value.</exception>
    /// <exception cref="MedImagingException">The interpolation workspace exceeds the memory budget.</exception>
    public static void ResampleInto(Volume image, Volume destination, ITransform? transform = null,
        InterpolatorType interpolator = InterpolatorType.Linear, double defaultPixelValue = 0,
        IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null) =>
        new ResampleIntoVisitor(transform, interpolator, defaultPixelValue, conversion, execution).Run(image, destination);

    /// <summary>
    /// Resamples to a new spacing with origin and direction kept (the SimpleITK cookbook's isotropic resampling):
    /// size[i] = max(1, round(size[i] · spacing[i] / newSpacing[i])), halves rounded away from zero as ITK's
    /// <c>llround</c>.
    /// </summary>
    /// <param name="image">The input volume.</param>
    /// <param name="newSpacing">Output spacing, mm, each finite and &gt; 0.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value outside the input (−1024 for CT in the clinical pipeline).</param>
    /// <param name="conversion">Integer conversion of interpolated values.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A spacing is zero, negative or not finite.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume<T> ResampleToSpacing<T>(Volume<T> image, Vec3 newSpacing, InterpolatorType interpolator = InterpolatorType.Linear,
        double defaultPixelValue = 0, IntegerConversion conversion = IntegerConversion.RoundToNearest, ExecutionOptions? execution = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(image);
        return Resample(image, GeometryForSpacing(image.Geometry, newSpacing), null, interpolator, defaultPixelValue, conversion, execution);
    }

    /// <summary>Non-generic <see cref="ResampleToSpacing{T}"/>; <paramref name="outputPixelType"/> null keeps the input's.</summary>
    /// <param name="image">The input volume, any voxel type.</param>
    /// <param name="newSpacing">Output spacing, mm, each finite and &gt; 0.</param>
    /// <param name="interpolator">The interpolator.</param>
    /// <param name="defaultPixelValue">Value outside the input.</param>
    /// <param name="outputPixelType">Output voxel type; null keeps the input's.</param>
    /// <param name="conversion">Integer conversion of interpolated values.</param>
    /// <param name="execution">Threads, cancellation and memory budget.</param>
    /// <returns>A volume with the input's origin and direction at <paramref name="newSpacing"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A spacing is zero, negative or not finite, or <paramref name="outputPixelType"/>
    /// or <paramref name="interpolator"/> is not a defined value.</exception>
    /// <exception cref="MedImagingException">The output is too large.</exception>
    public static Volume ResampleToSpacing(Volume image, Vec3 newSpacing, InterpolatorType interpolator = InterpolatorType.Linear,
        double defaultPixelValue = 0, PixelType? outputPixelType = null, IntegerConversion conversion = IntegerConversion.RoundToNearest,
        ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Resample(image, GeometryForSpacing(image.Geometry, newSpacing), null, interpolator, defaultPixelValue, outputPixelType, conversion, execution);
    }

    /// <summary>
    /// The grid <see cref="ResampleToSpacing{T}"/> produces: same origin and direction, spacing
    /// <paramref name="newSpacing"/>, size max(1, round-half-away(size · spacing / newSpacing)).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A spacing is zero, negative or not finite.</exception>
    /// <exception cref="MedImagingException">A size would exceed 2³¹ − 1 voxels.</exception>
    public static VolumeGeometry GeometryForSpacing(VolumeGeometry input, Vec3 newSpacing)
    {
        ArgumentNullException.ThrowIfNull(input);
        var size = new long[3];
        for (int a = 0; a < 3; a++)
        {
            if (!(newSpacing[a] > 0) || !double.IsFinite(newSpacing[a]))
            {
                throw new ArgumentOutOfRangeException(nameof(newSpacing), newSpacing, $"spacing must be finite and > 0 mm on every axis (axis {a} is {newSpacing[a]})");
            }

            double extent = input.Size[a] * input.Spacing[a] / newSpacing[a];
            if (!(extent < MaximumVoxelCount))
            {
                throw new MedImagingException($"resampling {input.Size} at spacing {input.Spacing} mm to {newSpacing} mm needs more than {MaximumVoxelCount} voxels along axis {a}");
            }

            size[a] = Math.Max(1, (long)Math.Round(extent, MidpointRounding.AwayFromZero));
        }

        if (size[0] * size[1] * size[2] > MaximumVoxelCount)
        {
            throw new MedImagingException($"resampling {input.Size} to spacing {newSpacing} mm gives {size[0]}x{size[1]}x{size[2]} = {size[0] * size[1] * size[2]} voxels, over the limit of {MaximumVoxelCount}");
        }

        return new VolumeGeometry(new Size3((int)size[0], (int)size[1], (int)size[2]), newSpacing, input.Origin, input.Direction);
    }

    /// <summary>
    /// Per-axis tables when output index axis a reads only input index axis a (the index map's matrix is diagonal up
    /// to 1e-12 relative), else null (always for label-Gaussian voting, which is not separable).
    /// </summary>
    internal static AxisTable[]? SeparableTables(VolumeGeometry input, VolumeGeometry output, ITransform transform, InterpolatorType interpolator)
    {
        if (transform is not IMatrixOffsetTransform affine || interpolator == InterpolatorType.LabelGaussian)
        {
            return null;
        }

        Mat3 map = input.PhysicalToIndexMatrix * affine.Matrix * output.IndexToPhysicalMatrix;
        double scale = Math.Max(Math.Abs(map[0, 0]), Math.Max(Math.Abs(map[1, 1]), Math.Abs(map[2, 2])));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (i != j && Math.Abs(map[i, j]) > 1e-12 * scale)
                {
                    return null;
                }
            }
        }

        Vec3 ContinuousIndex(double x, double y, double z) =>
            input.TransformPhysicalPointToContinuousIndex(transform.TransformPoint(output.TransformContinuousIndexToPhysicalPoint(new Vec3(x, y, z))));

        Size3 m = output.Size;
        Vec3 first = ContinuousIndex(0, 0, 0);
        double xEnd = ContinuousIndex(m.X, 0, 0).X;

        // Along x, ITK 5.2 steps from the row's first index toward the one past its end: c0 + (i / n)·(cn − c0).
        return
        [
            AxisTable.Build(i => first.X + (double)i / m.X * (xEnd - first.X), m.X, input.Size.X, interpolator),
            AxisTable.Build(j => ContinuousIndex(0, j, 0).Y, m.Y, input.Size.Y, interpolator),
            AxisTable.Build(k => ContinuousIndex(0, 0, k).Z, m.Z, input.Size.Z, interpolator),
        ];
    }

    /// <summary>Fills every voxel of <paramref name="output"/>: the separable path when there are tables, else the general one.</summary>
    private static void Run<TIn, TOut>(Volume<TIn> image, Volume<TOut> output, AxisTable[]? tables, ITransform transform,
        InterpolatorType interpolator, double defaultPixelValue, IntegerConversion conversion, ExecutionOptions execution)
        where TIn : unmanaged, INumber<TIn>
        where TOut : unmanaged, INumber<TOut>
    {
        if (tables is not null)
        {
            FillOutside(output, tables, VoxelConversion.FromDouble<TOut>(defaultPixelValue, conversion));
            SeparableResampler.Run(image, output, tables[0], tables[1], tables[2], interpolator, conversion, execution);
        }
        else
        {
            GeneralResampler.Run(image, output, transform, interpolator, defaultPixelValue, conversion, execution);
        }
    }

    private static void CheckInterpolator(InterpolatorType interpolator)
    {
        if (!Enum.IsDefined(interpolator))
        {
            throw new ArgumentOutOfRangeException(nameof(interpolator), interpolator, "unknown interpolator");
        }
    }

    /// <summary>Writes the default value into every output voxel outside the tables' inside box.</summary>
    private static void FillOutside<T>(Volume<T> output, AxisTable[] tables, T value)
        where T : unmanaged, INumber<T>
    {
        Size3 m = output.Size;
        AxisTable tx = tables[0], ty = tables[1], tz = tables[2];
        bool any = tx.Count > 0 && ty.Count > 0 && tz.Count > 0;
        for (int z = 0; z < m.Z; z++)
        {
            Span<T> slice = output.GetSlice(z);
            if (!any || z < tz.Lower || z >= tz.Upper)
            {
                slice.Fill(value);
                continue;
            }

            slice[..(ty.Lower * m.X)].Fill(value);
            slice[(ty.Upper * m.X)..].Fill(value);
            for (int y = ty.Lower; y < ty.Upper; y++)
            {
                Span<T> row = slice.Slice(y * m.X, m.X);
                row[..tx.Lower].Fill(value);
                row[tx.Upper..].Fill(value);
            }
        }
    }

    private static void EnsureFits(Volume image, VolumeGeometry output, AxisTable[]? tables, InterpolatorType interpolator,
        int outputBytesPerVoxel, ExecutionOptions execution)
    {
        long count = output.VoxelCount, limit = Math.Min(MaximumVoxelCount, Array.MaxLength);
        if (count > limit)
        {
            throw new MedImagingException($"resampled output {output.Size} has {count} voxels, over the limit of {limit} (one .NET array)");
        }

        // Workspace of the prefiltered B-splines (orders 2–5) and windowed sincs: the separable path keeps the stack
        // of input planes resampled in x and y, the general path the B-spline coefficient volume (doubles).
        long workspace = 0;
        bool spline = BSplineKernel.Poles(Math.Max(0, interpolator.SplineOrder())).Length > 0;
        if (tables is not null && (spline || interpolator.IsWindowedSinc()))
        {
            workspace = SeparableResampler.StackLength((long)image.Size.Z * tables[0].Count * tables[1].Count) * sizeof(double);
        }
        else if (tables is null && spline)
        {
            workspace = image.Geometry.VoxelCount * sizeof(double);
        }

        if (workspace / sizeof(double) > MaximumVoxelCount)
        {
            throw new MedImagingException($"resampling {image.Size} onto {output.Size} needs a workspace of {workspace / sizeof(double)} values, over the limit of {MaximumVoxelCount}");
        }

        execution.EnsureWithinBudget(count * outputBytesPerVoxel, $"resampled output {output.Size}");
        execution.EnsureWithinBudget(count * outputBytesPerVoxel + workspace, $"resampling {image.Size} onto {output.Size} (output and workspace)");
    }
}
