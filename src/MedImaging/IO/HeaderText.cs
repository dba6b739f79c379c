using System.Globalization;

namespace MedImaging.IO;

/// <summary>Culture-invariant number text shared by the format readers and writers.</summary>
internal static class HeaderText
{
    /// <summary>Formats an interpolated string with <see cref="CultureInfo.InvariantCulture"/>.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double in its shortest round-trip form ("R"), so text headers keep geometry exactly.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Numbers separated by single spaces, each in round-trip form.</summary>
    public static string Numbers(IEnumerable<double> values) => string.Join(' ', values.Select(Number));

    /// <summary>The value of a required header field; throws naming it when missing.</summary>
    public static string Field(Dictionary<string, string> fields, string key, string path) =>
        fields.TryGetValue(key, out string? value) ? value : throw new ImageFormatException(path, key, "missing");

    /// <summary>Parses whitespace- or comma-separated doubles; throws naming <paramref name="field"/>.</summary>
    public static double[] ParseDoubles(string text, string path, string field, int expectedCount)
    {
        string[] parts = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < expectedCount)
        {
            throw new ImageFormatException(path, field, Invariant($"'{text}' holds {parts.Length} numbers, {expectedCount} expected"));
        }

        var values = new double[expectedCount];
        for (int i = 0; i < expectedCount; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new ImageFormatException(path, field, $"'{parts[i]}' is not a finite number");
            }
        }

        return values;
    }

    /// <summary>Parses whitespace-separated positive sizes (each ≤ int.MaxValue); throws naming <paramref name="field"/>.</summary>
    public static int[] ParseSizes(string text, string path, string field)
    {
        string[] parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < 1 || v > int.MaxValue)
            {
                throw new ImageFormatException(path, field, $"'{parts[i]}' is not a size between 1 and {int.MaxValue}");
            }

            values[i] = (int)v;
        }

        return values;
    }

    /// <summary>
    /// Reads the text header at the start of a file: bytes up to and including the line for which
    /// <paramref name="isLastLine"/> is true (or a blank line when <paramref name="endsAtBlankLine"/>), at most
    /// <paramref name="maxBytes"/>. Returns the lines and the byte offset just after the header.
    /// </summary>
    public static (List<string> Lines, long DataOffset) ReadLines(string path, int maxBytes, Func<string, bool> isLastLine, bool endsAtBlankLine)
    {
        using FileStream file = ImageFileStreams.OpenRead(path, path);
        byte[] buffer = new byte[(int)Math.Min(maxBytes, file.Length)];
        int length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var lines = new List<string>();
        int start = 0;
        while (start < length)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', start, length - start);
            int end = newline < 0 ? length : newline;
            string line = System.Text.Encoding.Latin1.GetString(buffer, start, end - start).TrimEnd('\r');
            start = newline < 0 ? length : newline + 1;
            if (endsAtBlankLine && line.Length == 0)
            {
                return (lines, start);
            }

            lines.Add(line);
            if (isLastLine(line))
            {
                return (lines, start);
            }
        }

        if (endsAtBlankLine && start == length && length == file.Length)
        {
            return (lines, start);
        }

        throw new ImageFormatException(path, "header", Invariant($"no end of the text header within the first {length} bytes"));
    }
}
