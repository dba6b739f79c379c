using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MedImaging.Tests.Robustness;

/// <summary>One mutated input: what was done to the valid bytes (for the failure report) and the result.</summary>
internal sealed record MutatedInput(string Name, byte[] Bytes);

/// <summary>How a binary field is encoded, so hostile values can be written in its own representation.</summary>
internal enum FieldKind
{
    /// <summary>A signed or unsigned integer of <see cref="Field.Width"/> bytes.</summary>
    Integer,

    /// <summary>An IEEE float of 4 or 8 bytes.</summary>
    Float,
}

/// <summary>A length, dimension or offset field of a valid input, the place a hostile file attacks first.</summary>
internal readonly record struct Field(string Name, int Offset, int Width, bool BigEndian = false, FieldKind Kind = FieldKind.Integer);

/// <summary>
/// Seeded mutations of valid inputs. The same seed gives the same inputs on every machine and run, so a failure names
/// a case that reproduces; <see cref="FuzzSettings.Iterations"/> scales the random part for long local sessions.
/// </summary>
internal static partial class Mutations
{
    private static readonly ulong[] HostileIntegers = [0, 1, 0x7F, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, ulong.MaxValue, long.MaxValue];

    private static readonly double[] HostileFloats = [0, -1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e30, -1e30, 1e-30, float.MaxValue];

    private static readonly string[] HostileNumbers = ["0", "-1", "-2147483648", "2147483647", "4294967295", "4294967296", "9223372036854775807", "1e308", "-1e308", "NaN", "inf", "", "x", "1,5", "3.5", "٣", "0x10"];

    /// <summary>
    /// Binary mutations: truncation at each boundary (and one byte either side), hostile values in each field, then
    /// <paramref name="randomCount"/> each of random truncations, single-byte changes, garbage blocks and spliced
    /// repeats of the input's own bytes.
    /// </summary>
    public static IEnumerable<MutatedInput> Binary(byte[] valid, IReadOnlyList<Field> fields, IEnumerable<int> boundaries, int seed, int randomCount)
    {
        var random = new Random(seed);
        foreach (int cut in boundaries.SelectMany(b => new[] { b - 1, b, b + 1 }).Where(c => c >= 0 && c < valid.Length).Distinct().Order())
        {
            yield return new MutatedInput($"truncate@{cut}", valid[..cut]);
        }

        foreach (Field field in fields.Where(f => f.Offset + f.Width <= valid.Length))
        {
            foreach (MutatedInput input in FieldValues(valid, field))
            {
                yield return input;
            }
        }

        for (int i = 0; i < randomCount; i++)
        {
            int cut = random.Next(valid.Length);
            yield return new MutatedInput($"truncate@{cut}", valid[..cut]);
            yield return Flip(valid, random);
            yield return Garbage(valid, random);
            yield return Splice(valid, random);
        }
    }

    /// <summary>
    /// Text mutations of a header (key = value or key: value lines): each number replaced by hostile numbers, each
    /// line deleted or doubled, then random truncations, byte changes and non-ASCII garbage. A binary tail after
    /// <paramref name="textLength"/> bytes (attached data) is kept.
    /// </summary>
    public static IEnumerable<MutatedInput> Text(byte[] valid, int textLength, int seed, int randomCount)
    {
        var random = new Random(seed);
        string text = Encoding.Latin1.GetString(valid, 0, textLength);
        byte[] tail = valid[textLength..];
        string[] lines = text.Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            if (lines[l].Length == 0)
            {
                continue;
            }

            yield return WithLines($"delete line {l}", lines.Where((_, i) => i != l), tail);
            yield return WithLines($"double line {l}", lines.Take(l + 1).Append(lines[l]).Concat(lines.Skip(l + 1)), tail);
            MatchCollection numbers = NumberPattern().Matches(lines[l]);
            for (int n = 0; n < numbers.Count; n++)
            {
                string value = HostileNumbers[random.Next(HostileNumbers.Length)];
                string line = string.Concat(lines[l].AsSpan(0, numbers[n].Index), value, lines[l].AsSpan(numbers[n].Index + numbers[n].Length));
                yield return WithLines($"line {l} number {n} = '{value}'", lines.Select((s, i) => i == l ? line : s), tail);
            }
        }

        foreach (MutatedInput input in Binary(valid, [], [textLength, textLength + 1], seed + 1, randomCount))
        {
            yield return input;
        }
    }

    /// <summary>The valid input with <paramref name="field"/> set to each hostile value of its kind.</summary>
    public static IEnumerable<MutatedInput> FieldValues(byte[] valid, Field field)
    {
        if (field.Kind == FieldKind.Float)
        {
            foreach (double value in HostileFloats)
            {
                byte[] bytes = (byte[])valid.Clone();
                Span<byte> span = bytes.AsSpan(field.Offset, field.Width);
                if (field.Width == 4)
                {
                    WriteFloat(span, (float)value, field.BigEndian);
                }
                else
                {
                    WriteDouble(span, value, field.BigEndian);
                }

                yield return new MutatedInput(string.Create(CultureInfo.InvariantCulture, $"{field.Name}={value}"), bytes);
            }

            yield break;
        }

        ulong mask = field.Width >= 8 ? ulong.MaxValue : (1UL << (8 * field.Width)) - 1;
        foreach (ulong value in HostileIntegers.Select(v => v & mask).Distinct())
        {
            byte[] bytes = (byte[])valid.Clone();
            WriteInteger(bytes.AsSpan(field.Offset, field.Width), value, field.BigEndian);
            yield return new MutatedInput(string.Create(CultureInfo.InvariantCulture, $"{field.Name}=0x{value:X}"), bytes);
        }
    }

    private static MutatedInput Flip(byte[] valid, Random random)
    {
        byte[] bytes = (byte[])valid.Clone();
        int at = random.Next(bytes.Length);
        byte value = (byte)random.Next(256);
        bytes[at] = value == bytes[at] ? (byte)~value : value;
        return new MutatedInput(string.Create(CultureInfo.InvariantCulture, $"byte@{at}=0x{bytes[at]:X2}"), bytes);
    }

    private static MutatedInput Garbage(byte[] valid, Random random)
    {
        byte[] bytes = (byte[])valid.Clone();
        int at = random.Next(bytes.Length);
        int length = Math.Min(bytes.Length - at, 1 + random.Next(64));
        random.NextBytes(bytes.AsSpan(at, length));
        return new MutatedInput(string.Create(CultureInfo.InvariantCulture, $"garbage@{at}+{length}"), bytes);
    }

    private static MutatedInput Splice(byte[] valid, Random random)
    {
        // Repeat a slice of the input somewhere else: structurally plausible data at the wrong place (a second header,
        // an element inside a value, a fragment where the offset table was).
        int from = random.Next(valid.Length);
        int length = Math.Min(valid.Length - from, 1 + random.Next(128));
        int to = random.Next(valid.Length);
        byte[] bytes = [.. valid.AsSpan(0, to), .. valid.AsSpan(from, length), .. valid.AsSpan(to)];
        return new MutatedInput(string.Create(CultureInfo.InvariantCulture, $"splice {from}+{length}@{to}"), bytes);
    }

    private static MutatedInput WithLines(string name, IEnumerable<string> lines, byte[] tail) =>
        new(name, [.. Encoding.UTF8.GetBytes(string.Join('\n', lines)), .. tail]);

    private static void WriteInteger(Span<byte> span, ulong value, bool bigEndian)
    {
        Span<byte> full = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(full, value);
        full[..span.Length].CopyTo(span);
        if (bigEndian)
        {
            span.Reverse();
        }
    }

    private static void WriteFloat(Span<byte> span, float value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteSingleBigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(span, value);
        }
    }

    private static void WriteDouble(Span<byte> span, double value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteDoubleBigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        }
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberPattern();
}
