using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// A JSON array of numbers (or strings). The common types go through JsonValue's typed overloads: the generic
    /// <c>JsonValue.Create&lt;T&gt;</c> looks its converter up through the reflection-based resolver, whose set-up costs
    /// a short CLI run tens of milliseconds.
    /// </summary>
    public static JsonArray Array<T>(IEnumerable<T> values)
    {
        var array = new JsonArray();
        foreach (T v in values)
        {
            array.Add(v switch
            {
                double d => JsonValue.Create(d),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                float f => JsonValue.Create(f),
                string text => JsonValue.Create(text),
                _ => JsonValue.Create(v),
            });
        }

        return array;
    }

    /// <summary>
    /// <paramref name="node"/> as indented JSON text. Written through <see cref="Utf8JsonWriter"/> without
    /// <see cref="JsonSerializerOptions"/>: serializer options would build the reflection-based type-info resolver and
    /// its converters at start-up, which costs a short CLI run more than the rest of its JSON work.
    /// </summary>
    public static string ToIndentedString(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
