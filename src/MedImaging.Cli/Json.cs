using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
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
    /// Appends <paramref name="node"/> through <see cref="JsonArray.Add(JsonNode?)"/>. Called directly with a
    /// <see cref="JsonObject"/>, <see cref="JsonArray"/> or <see cref="JsonValue"/> argument, <c>Add</c> binds to the generic
    /// <c>JsonArray.Add&lt;T&gt;</c>, which goes through the reflection-based serializer: slow to set up in a short CLI
    /// run, and neither trimmable nor AOT-compatible (IL2026/IL3050).
    /// </summary>
    public static void Append(this JsonArray array, JsonNode? node) => array.Add(node);

    /// <summary>A JSON array of numbers; negative zero is written 0 (a direction cosine of −0 is 0).</summary>
    public static JsonArray Array(IEnumerable<double> values) => Build(values, v => JsonValue.Create(v == 0 ? 0.0 : v));

    /// <summary>A JSON array of integers.</summary>
    public static JsonArray Array(IEnumerable<int> values) => Build(values, v => JsonValue.Create(v));

    /// <summary>A JSON array of integers (voxel counts).</summary>
    public static JsonArray Array(IEnumerable<long> values) => Build(values, v => JsonValue.Create(v));

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Array(IEnumerable<string> values) => Build(values, v => JsonValue.Create(v));

    /// <summary>
    /// The array of <paramref name="values"/>, each made by one of JsonValue's typed <c>Create</c> overloads: the generic
    /// <c>JsonValue.Create&lt;T&gt;</c> needs the reflection-based resolver (tens of milliseconds to set up, not
    /// AOT-compatible).
    /// </summary>
    private static JsonArray Build<T>(IEnumerable<T> values, Func<T, JsonValue?> create)
    {
        var array = new JsonArray();
        foreach (T v in values)
        {
            array.Append(create(v));
        }

        return array;
    }

    /// <summary>
    /// <paramref name="node"/> as indented JSON text. Written through <see cref="Utf8JsonWriter"/> without
    /// <see cref="JsonSerializerOptions"/>: serializer options would build the reflection-based type-info resolver and
    /// its converters at start-up, which costs a short CLI run more than the rest of its JSON work. The relaxed encoder
    /// writes ' and non-ASCII letters (×, é) as themselves rather than \u0027, \u00D7: still valid JSON, read by people
    /// in a terminal; the text never goes into HTML.
    /// </summary>
    public static string ToIndentedString(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
