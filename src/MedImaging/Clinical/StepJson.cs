using System.Globalization;
using System.Text.Json.Nodes;

namespace MedImaging.Clinical;

/// <summary>Small helpers for the steps' report parameters.</summary>
internal static class StepJson
{
    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values)
    {
        var array = new JsonArray();
        foreach (double v in values)
        {
            array.Add((JsonNode)JsonValue.Create(v));
        }

        return array;
    }

    /// <summary>A JSON array of whole numbers.</summary>
    public static JsonArray Numbers(IEnumerable<int> values) => Numbers(values.Select(v => (double)v));

    /// <summary>Voxels equal to 1 in a 0/1 mask.</summary>
    public static long Count(Volume<byte> mask) => mask.Voxels.Count((byte)1);

    /// <summary>A number as invariant text, for descriptions.</summary>
    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
