namespace MedImaging.Dicom.Series;

/// <summary>
/// Where one 2-D DICOM image lies in the patient: ImagePositionPatient (0020,0032), ImageOrientationPatient
/// (0020,0037) and PixelSpacing (0028,0030), all in LPS millimetres.
/// </summary>
/// <param name="Position">ImagePositionPatient: LPS centre of the first transmitted pixel (row 0, column 0), mm.</param>
/// <param name="RowDirection">IOP values 1–3: LPS unit direction along a row (increasing column index, our x).</param>
/// <param name="ColumnDirection">IOP values 4–6: LPS unit direction down a column (increasing row index, our y).</param>
/// <param name="ColumnSpacing">PixelSpacing value 2: distance between neighbouring columns (our x spacing), mm.</param>
/// <param name="RowSpacing">PixelSpacing value 1: distance between neighbouring rows (our y spacing), mm.</param>
/// <param name="Columns">Columns (0028,0011): pixels per row (our x size).</param>
/// <param name="Rows">Rows (0028,0010): pixels per column (our y size).</param>
public sealed record SlicePlane(Vec3 Position, Vec3 RowDirection, Vec3 ColumnDirection, double ColumnSpacing, double RowSpacing, int Columns, int Rows)
{
    /// <summary>The slice normal, RowDirection × ColumnDirection (unit length).</summary>
    /// <exception cref="InvalidOperationException">The row and column directions are parallel or zero (no normal).</exception>
    public Vec3 Normal => Vec3.Cross(RowDirection, ColumnDirection).Normalize();

    /// <summary>LPS position (mm) of pixel (column <paramref name="x"/>, row <paramref name="y"/>), fractional allowed.</summary>
    public Vec3 PixelToPoint(double x, double y) => Position + RowDirection * (x * ColumnSpacing) + ColumnDirection * (y * RowSpacing);
}
