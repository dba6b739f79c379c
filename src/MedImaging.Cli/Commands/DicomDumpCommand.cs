using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands;

/// <summary><c>medimg dicom dump FILE</c>: one file's dataset (file meta first) as JSON, sequences nested.</summary>
internal static class DicomDumpCommand
{
    /// <summary>Values longer than this many bytes of a binary VR (OB, OW, UN, ...) are summarised by their length.</summary>
    private const int MaxBinaryValues = 64;

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A DICOM file." };
        var command = new Command("dump", "Print a DICOM file's elements (tag, vr, name, value; sequences nested) and its transfer syntax.");
        command.Arguments.Add(file);
        CommandRunner.SetBody(command, ctx =>
        {
            string path = ctx.Parse.GetValue(file)!;
            (DicomFile dicom, double ms) = CliContext.Time(() => OpenOrPartial(path));
            return Dump(dicom, ms);
        });
        return command;
    }

    /// <summary>
    /// Opens the whole file; when that fails but the header up to Pixel Data parses (pixel data cut short, a length
    /// field beyond the file), throws a <see cref="PartialResultException"/> holding the dump of every element read
    /// before it, as dcmdump and pydicom print the header and then report the damage.
    /// </summary>
    private static DicomFile OpenOrPartial(string path)
    {
        try
        {
            return DicomFile.Open(path);
        }
        catch (DicomFormatException whole)
        {
            DicomFile header;
            try
            {
                header = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            }
            catch (DicomFormatException)
            {
                throw whole;
            }

            JsonObject partial = Dump(header, 0);
            partial["complete"] = false;
            partial["error"] = whole.Message;
            throw new PartialResultException(partial, whole);
        }
    }

    private static JsonObject Dump(DicomFile dicom, double ms)
    {
        var elements = new JsonArray();
        AddElements(dicom.FileMetaInformation, elements);
        AddElements(dicom.Dataset, elements);
        return new JsonObject
        {
            ["transfer_syntax"] = dicom.TransferSyntax.Uid,
            ["elements"] = elements,
            ["ms"] = Json.Ms(ms),
        };
    }

    /// <summary>Appends one JSON object per element of <paramref name="dataset"/>.</summary>
    public static void AddElements(DicomDataset dataset, JsonArray into)
    {
        foreach (DicomElement element in dataset.Elements)
        {
            into.Append(ToJson(dataset, element));
        }
    }

    private static JsonObject ToJson(DicomDataset dataset, DicomElement element)
    {
        var json = new JsonObject
        {
            ["tag"] = element.Tag.ToString(),
            ["vr"] = element.VR.ToString(),
            ["name"] = element.Tag.Keyword ?? (element.Tag.IsPrivate ? "Private" : "Unknown"),
        };
        if (element.Items is { } items)
        {
            var array = new JsonArray();
            foreach (DicomDataset item in items)
            {
                var itemElements = new JsonArray();
                AddElements(item, itemElements);
                array.Append(itemElements);
            }

            json["items"] = array;
        }
        else if (element.Fragments is { } fragments)
        {
            json["fragments"] = fragments.Items.Count;
            json["length"] = fragments.Items.Sum(f => (long)f.Length);
        }
        else
        {
            json["value"] = Value(dataset, element);
        }

        return json;
    }

    private static JsonNode? Value(DicomDataset dataset, DicomElement element)
    {
        if (DicomVRs.IsString(element.VR))
        {
            string[] values = dataset.GetStrings(element.Tag);
            return values.Length == 1 ? JsonValue.Create(values[0]) : Json.Array(values);
        }

        int size = DicomVRs.ValueSize(element.VR);
        if (element.VR is DicomVR.OB or DicomVR.UN || element.RawValue.Length / size > MaxBinaryValues)
        {
            return JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"<{element.RawValue.Length} bytes>"));
        }

        string[] formatted = dataset.GetStrings(element.Tag);
        if (element.VR == DicomVR.AT)
        {
            return formatted.Length == 1 ? JsonValue.Create(formatted[0]) : Json.Array(formatted);
        }

        double[] numbers = dataset.GetDoubles(element.Tag);
        return numbers.Length == 1 ? JsonValue.Create(numbers[0]) : Json.Array(numbers);
    }
}
