using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>Reading the IN argument of the image verbs.</summary>
internal static class ImageInputs
{
    /// <summary>Reads an image file as a series (3-D files give one volume); a folder is refused with a clear message.</summary>
    /// <exception cref="ImageFormatException">A folder, or a missing or broken file.</exception>
    public static VolumeSeries ReadSeries(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ImageFormatException(path, "file", "is a folder; reading DICOM folders is not available in this build, give an image file (" + ImageFileFormats.SupportedExtensions + ")");
        }

        return ImageFile.ReadSeries(path);
    }
}
