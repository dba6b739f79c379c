using System.CommandLine;
using System.Text.Json.Nodes;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg dicom hash FILE</c>: decodes the pixel data to canonical stored values and fingerprints them.</summary>
internal static class DicomHashCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A DICOM file with pixel data." };
        var command = new Command("hash", "Decode pixel data to canonical stored values (bits above HighBit dropped, sign-extended) and print sha256_16.");
        command.Arguments.Add(file);
        CommandRunner.SetBody(command, ctx =>
        {
            string path = ctx.Parse.GetValue(file)!;
            DicomFile dicom = DicomFile.Open(path);
            (DicomPixelData pixels, string sha, double ms) = Hash(dicom);
            return new JsonObject
            {
                ["transfer_syntax"] = dicom.TransferSyntax.Uid,
                ["rows"] = pixels.Rows,
                ["columns"] = pixels.Columns,
                ["frames"] = pixels.NumberOfFrames,
                ["samples_per_pixel"] = pixels.SamplesPerPixel,
                ["bits_allocated"] = pixels.BitsAllocated,
                ["sha256_16"] = sha[..16],
                ["ms"] = Json.Ms(ms),
            };
        });
        return command;
    }

    private static (DicomPixelData Pixels, string Sha, double Ms) Hash(DicomFile dicom)
    {
        ((DicomPixelData Pixels, string Sha) result, double ms) = CliContext.Time(() =>
        {
            DicomPixelData pixels = DicomPixelData.Create(dicom);
            return (pixels, pixels.ComputeCanonicalSha256());
        });
        return (result.Pixels, result.Sha, ms);
    }
}
