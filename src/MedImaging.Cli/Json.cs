using System.Globalization;
using System.Text.Json.Nodes;

namespace MedImaging.Cli;

/// <summary>JSON building blocks shared by the verbs (geometry in the contract's layout).</summary>
internal static class Json
{
    /// <summary>Adds <c>size</c>, <c>spacing</c>, <c>origin</c> (LPS mm) and row-major <c>direction</c>.</summary>
    public static JsonObject AddGeometry(this JsonObject json, VolumeGeometry geometry)
    {
        json["size"] = Array(geometry.Size.ToArray());
        json["spacing"] = Array(geometry.Spacing.ToArray());
        json["origin"] = Array(geometry.Origin.ToArray());
        json["direction"] = Array(geometry.Direction.ToRowMajorArray());
        return json;
    }

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Array<T>(IEnumerable<T> values)
    {
        var array = new JsonArray();
        foreach (T v in values)
        {
            array.Add(JsonValue.Create(v));
        }

        return array;
    }

    /// <summary>A double as JSON, with NaN/∞ written as null (JSON has no such numbers).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>Milliseconds rounded to 0.001 for the <c>ms</c> field.</summary>
    public static double Ms(double milliseconds) => Math.Round(milliseconds, 3);

    /// <summary>Parses "a,b,c" into doubles (invariant culture).</summary>
    /// <exception cref="UsageException">A value is not a number or the count is wrong.</exception>
    public static double[] ParseList(string text, int? expectedCount, string option)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new UsageException($"{option}: '{parts[i]}' is not a number");
            }
        }

        if (expectedCount is int n && values.Length != n)
        {
            throw new UsageException($"{option}: expected {n} comma-separated values, got {values.Length}");
        }

        return values;
    }
}
