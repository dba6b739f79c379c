using static MedImaging.IO.HeaderText;

namespace MedImaging.IO;

/// <summary>Builds the 3-D geometry of a 2-, 3- or 4-D text-header image (MetaImage, NRRD).</summary>
internal static class SpatialGeometry
{
    /// <summary>
    /// The geometry of the first three axes: a 2-D image gets one slice, spacing 1 and the third direction
    /// completing the frame; a 4-D image's fourth axis is the volume index and is ignored here.
    /// </summary>
    /// <param name="path">The file, for errors.</param>
    /// <param name="field">The field named when the geometry is invalid.</param>
    /// <param name="sizes">Sizes per axis (2 to 4 of them).</param>
    /// <param name="spacing">Spacing per axis (mm), at least as many as the spatial axes.</param>
    /// <param name="origin">Origin (LPS mm) per axis.</param>
    /// <param name="direction">(axis, component) → LPS component of the unit direction of index axis.</param>
    public static VolumeGeometry Create(string path, string field, int[] sizes, double[] spacing, double[] origin, Func<int, int, double> direction)
    {
        int spatial = Math.Min(3, sizes.Length);
        var size = new Size3(sizes[0], sizes[1], spatial == 3 ? sizes[2] : 1);
        Vec3 s = new(spacing[0], spacing[1], spatial == 3 ? spacing[2] : 1);
        Vec3 o = new(origin[0], origin[1], spatial == 3 ? origin[2] : 0);
        Vec3 c0 = new(direction(0, 0), direction(0, 1), spatial == 3 ? direction(0, 2) : 0);
        Vec3 c1 = new(direction(1, 0), direction(1, 1), spatial == 3 ? direction(1, 2) : 0);
        Vec3 c2 = spatial == 3 ? new(direction(2, 0), direction(2, 1), direction(2, 2)) : Vec3.Cross(c0, c1);
        try
        {
            return new VolumeGeometry(size, s, o, Mat3.FromColumns(c0, c1, c2));
        }
        catch (ArgumentException ex)
        {
            throw new ImageFormatException(path, field, Invariant($"no valid geometry: {ex.Message}"), ex);
        }
    }
}
