using System.Globalization;
using System.Text;

namespace MedImaging.Transforms;

/// <summary>
/// Reads and writes ITK's text transform files (<c>#Insight Transform File V1.0</c>, extensions .tfm and .txt), the
/// format of SimpleITK's <c>ReadTransform</c>/<c>WriteTransform</c> and ITK's <c>TransformFileReader/Writer</c>.
/// </summary>
/// <remarks>
/// Supported types (double and <c>_float_</c> variants, 3-D): IdentityTransform, TranslationTransform,
/// Euler3DTransform, VersorRigid3DTransform, Similarity3DTransform, AffineTransform, MatrixOffsetTransformBase (read
/// as <see cref="AffineTransform"/>) and CompositeTransform (the composite header followed by its sub-transforms,
/// front of the queue first). Numbers are written with the shortest round-trip representation in the invariant
/// culture, so a file read back gives bit-identical parameters; float files are read into doubles.
/// </remarks>
public static class TransformFile
{
    /// <summary>The first line of every ITK text transform file.</summary>
    public const string Header = "#Insight Transform File V1.0";

    /// <summary>Largest file accepted (transform files are a few hundred bytes; this refuses anything absurd).</summary>
    public const long MaximumFileBytes = 1024 * 1024;

    /// <summary>
    /// Reads the file's transform, as SimpleITK's <c>ReadTransform</c>: a composite when the file starts with a
    /// CompositeTransform (the following transforms are its queue), otherwise the first transform in the file.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TransformFormatException">The file is not a valid ITK transform file (names file and line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IParametricTransform Read(string path) => ReadAll(path)[0];

    /// <summary>
    /// Reads every transform in the file, as ITK's <c>TransformFileReader::GetTransformList</c>: a leading
    /// CompositeTransform absorbs the ones after it, so the list then holds just the composite.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TransformFormatException">The file is not a valid ITK transform file (names file and line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<IParametricTransform> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"transform file '{path}' does not exist", path);
        }

        if (info.Length > MaximumFileBytes)
        {
            throw new TransformFormatException(path, 0,
                $"{info.Length} bytes is larger than the {MaximumFileBytes} bytes accepted for a transform file");
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses the text of a transform file; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="TransformFormatException">The text is not a valid ITK transform file.</exception>
    public static IReadOnlyList<IParametricTransform> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TransformFileParser.Parse(text, source);
    }

    /// <summary>
    /// Writes <paramref name="transform"/> as an ITK text transform file (double precision). A composite is written
    /// as ITK does: its header, then its sub-transforms (nested composites flattened).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="transform"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, IParametricTransform transform)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, Format(transform), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The text <see cref="Write"/> writes, lines ending in '\n'.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is null.</exception>
    public static string Format(IParametricTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var entries = new List<IParametricTransform>();
        if (transform is CompositeTransform composite)
        {
            entries.Add(composite);
            Flatten(composite, entries);
        }
        else
        {
            entries.Add(transform);
        }

        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        for (int i = 0; i < entries.Count; i++)
        {
            IParametricTransform t = entries[i];
            text.Append("#Transform ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("Transform: ").Append(t.NameOfClass).Append("_double_3_3\n");
            if (t is CompositeTransform)
            {
                continue;
            }

            AppendValues(text, "Parameters:", t.Parameters);
            AppendValues(text, "FixedParameters:", t.FixedParameters);
        }

        return text.ToString();
    }

    private static void Flatten(CompositeTransform composite, List<IParametricTransform> entries)
    {
        foreach (IParametricTransform t in composite.Transforms)
        {
            if (t is CompositeTransform inner)
            {
                Flatten(inner, entries);
            }
            else
            {
                entries.Add(t);
            }
        }
    }

    private static void AppendValues(StringBuilder text, string key, double[] values)
    {
        text.Append(key);
        foreach (double v in values)
        {
            text.Append(' ').Append(v.ToString("R", CultureInfo.InvariantCulture));
        }

        text.Append('\n');
    }
}
