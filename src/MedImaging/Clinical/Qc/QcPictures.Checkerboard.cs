namespace MedImaging.Clinical.Qc;

public static partial class QcPictures
{
    /// <summary>
    /// A registration check: one plane of <paramref name="first"/> and <paramref name="second"/> sampled on the same
    /// picture lattice (the first image's, <see cref="QcFrame"/>) in LPS world space, shown in alternating squares of
    /// a checkerboard, <paramref name="squares"/> squares across the picture's longer side (as SimpleITK's
    /// <c>CheckerBoard(fixed, resampledMoving, checkerPattern)</c> shown as one slice, but neither image is resampled
    /// as a volume: each is sampled on the plane only). Square (0, 0), top left, shows <paramref name="first"/>;
    /// where the second image does not reach, its squares are black. Edges that continue across squares mean the
    /// images are aligned.
    /// </summary>
    /// <param name="first">The fixed (reference) image; it defines the plane's extent and pixel size.</param>
    /// <param name="second">The other image (e.g. the moving image after registration), any voxel type and grid.</param>
    /// <param name="plane">The plane.</param>
    /// <param name="squares">Squares across the longer side of the picture, at least 2 (default 8).</param>
    /// <param name="options">Point, pixel size and annotation as for <see cref="Render"/>; with
    /// <see cref="QcOptions.Window"/> both images share that window, without it each image gets its own 1st–99th
    /// percentile window (so a CT and an MR can be compared). Overlay options do not apply.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="squares"/> is below 2, an option is invalid, or the
    /// point is outside the first image.</exception>
    /// <exception cref="ArgumentException">An image has no finite value.</exception>
    public static QcImage RenderCheckerboard(Volume first, Volume second, QcPlane plane, int squares = 8, QcOptions? options = null,
        ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(squares, 2);
        (QcOptions resolved, QcWindow firstWindow) = Resolve(first, null, options);
        QcWindow secondWindow = resolved.Window ?? QcWindow.FromPercentiles(second);
        QcFrame frame = CreateFrame(first, plane, resolved);
        double[] a = PlaneSampler.Intensities(first, frame, execution);
        double[] b = PlaneSampler.Intensities(second, frame, execution);
        int side = Math.Max(1, (Math.Max(frame.Width, frame.Height) + squares - 1) / squares);
        var rgb = new byte[3 * frame.Width * frame.Height];
        for (int row = 0; row < frame.Height; row++)
        {
            for (int column = 0; column < frame.Width; column++)
            {
                int i = row * frame.Width + column;
                bool firstSquare = ((row / side) + (column / side)) % 2 == 0;
                rgb.AsSpan(3 * i, 3).Fill(firstSquare ? firstWindow.Map(a[i]) : secondWindow.Map(b[i]));
            }
        }

        var tile = new QcTile(frame, 0, 0);
        if (resolved.Annotate)
        {
            QcAnnotations.Draw(rgb, frame.Width, frame.Height, tile, firstWindow, letters: true, legend: true);
        }

        return new QcImage(frame.Width, frame.Height, rgb, firstWindow, [tile]);
    }
}
