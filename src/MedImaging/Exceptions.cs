namespace MedImaging;

/// <summary>Base of every exception MedImaging throws for bad data or impossible requests.</summary>
public class MedImagingException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public MedImagingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public MedImagingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An image file (NIfTI, MetaImage, NRRD, …) is unreadable: the message names the file and the field.</summary>
public class ImageFormatException : MedImagingException
{
    /// <summary>Creates the exception; the message is "'file': field: problem".</summary>
    /// <param name="path">The file (or a description of the stream).</param>
    /// <param name="field">The header field or part of the file at fault, e.g. "dim[1]" or "vox_offset".</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ImageFormatException(string path, string field, string problem, Exception? innerException = null)
        : base($"'{path}': {field}: {problem}", innerException)
    {
        Path = path;
        Field = field;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>The header field or part of the file at fault.</summary>
    public string Field { get; }
}

/// <summary>Messages of argument exceptions re-thrown as data errors.</summary>
internal static class ArgumentExceptionMessages
{
    /// <summary>
    /// The message without .NET's " (Parameter 'name')" suffix: for an argument error found while reading data
    /// (a config file, a transform file), where the parameter is ours and the message becomes the data error's.
    /// </summary>
    public static string MessageWithoutParameter(this ArgumentException exception) =>
        exception.ParamName is null ? exception.Message : exception.Message.Replace($" (Parameter '{exception.ParamName}')", "", StringComparison.Ordinal);
}

/// <summary>Two inputs of one operation are not on the same voxel grid (ITK's tolerances).</summary>
public class GeometryMismatchException : MedImagingException
{
    /// <summary>Creates the exception with both geometries in the message.</summary>
    public GeometryMismatchException(VolumeGeometry expected, VolumeGeometry actual, string what)
        : base($"{what} are not on the same grid (ITK tolerances: coordinates {VolumeGeometry.DefaultCoordinateTolerance} x spacing, direction {VolumeGeometry.DefaultDirectionTolerance}): first is {expected}; second is {actual}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The first input's geometry.</summary>
    public VolumeGeometry Expected { get; }

    /// <summary>The second input's geometry.</summary>
    public VolumeGeometry Actual { get; }
}

/// <summary>The images of a DICOM series cannot be stacked as asked: the message says which slices and why.</summary>
public class SeriesInconsistentException : MedImagingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="series">The series key or folder.</param>
    /// <param name="problem">Which slices and what is wrong with them.</param>
    public SeriesInconsistentException(string series, string problem)
        : base($"series '{series}': {problem}")
    {
        Series = series;
    }

    /// <summary>The series key or folder.</summary>
    public string Series { get; }
}
