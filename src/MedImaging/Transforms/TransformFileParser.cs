using System.Globalization;

namespace MedImaging.Transforms;

/// <summary>
/// The parser behind <see cref="TransformFile"/>: the header line, then blocks of <c>Transform:</c>,
/// <c>Parameters:</c> and <c>FixedParameters:</c> lines; other lines starting with '#' are comments.
/// </summary>
internal static class TransformFileParser
{
    /// <summary>One "Transform:" block while it is being read.</summary>
    private sealed class Block(IParametricTransform transform, int line)
    {
        public IParametricTransform Transform { get; } = transform;

        public int Line { get; } = line;

        public (double[] Values, int Line)? Parameters { get; set; }

        public (double[] Values, int Line)? FixedParameters { get; set; }
    }

    public static IReadOnlyList<IParametricTransform> Parse(string text, string source)
    {
        string[] lines = text.Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            throw new TransformFormatException(source, 0, "the file is empty");
        }

        if (lines[first].Trim().TrimStart('\uFEFF') != TransformFile.Header)
        {
            throw new TransformFormatException(source, first + 1, $"expected the header '{TransformFile.Header}', found '{Shorten(lines[first])}'");
        }

        var blocks = new List<Block>();
        for (int i = first + 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new TransformFormatException(source, i + 1, $"expected 'Key: value', found '{Shorten(line)}'");
            }

            string key = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "Transform":
                    blocks.Add(new Block(CreateTransform(value, source, i + 1), i + 1));
                    break;
                case "Parameters":
                {
                    Block block = Current(blocks, key, source, i + 1);
                    block.Parameters = SetOnce(block.Parameters, ParseValues(value, block.Transform, isFixed: false, source, i + 1), key, source, i + 1);
                    break;
                }

                case "FixedParameters":
                {
                    Block block = Current(blocks, key, source, i + 1);
                    block.FixedParameters = SetOnce(block.FixedParameters, ParseValues(value, block.Transform, isFixed: true, source, i + 1), key, source, i + 1);
                    break;
                }

                default:
                    throw new TransformFormatException(source, i + 1, $"unknown key '{Shorten(key)}' (expected Transform, Parameters or FixedParameters)");
            }
        }

        if (blocks.Count == 0)
        {
            throw new TransformFormatException(source, 0, "no 'Transform:' line");
        }

        foreach (Block block in blocks)
        {
            Apply(block, source);
        }

        return Assemble(blocks, source);
    }

    private static Block Current(List<Block> blocks, string key, string source, int line) =>
        blocks.Count > 0 ? blocks[^1] : throw new TransformFormatException(source, line, $"'{key}:' before any 'Transform:' line");

    private static (double[] Values, int Line) SetOnce((double[] Values, int Line)? existing, double[] values, string key, string source, int line) =>
        existing is null ? (values, line) : throw new TransformFormatException(source, line, $"a second '{key}:' line for the same transform (first on line {existing.Value.Line})");

    private static IParametricTransform[] Assemble(List<Block> blocks, string source)
    {
        if (blocks[0].Transform is CompositeTransform composite)
        {
            foreach (Block block in blocks.Skip(1))
            {
                if (block.Transform is CompositeTransform)
                {
                    throw new TransformFormatException(source, block.Line, "a CompositeTransform inside a CompositeTransform file");
                }

                composite.AddTransform(block.Transform);
            }

            return [composite];
        }

        Block? misplaced = blocks.FirstOrDefault(b => b.Transform is CompositeTransform);
        if (misplaced is not null)
        {
            throw new TransformFormatException(source, misplaced.Line, "a CompositeTransform must be the first transform of the file");
        }

        return blocks.Select(b => b.Transform).ToArray();
    }

    private static void Apply(Block block, string source)
    {
        IParametricTransform t = block.Transform;
        if (t is CompositeTransform)
        {
            return;
        }

        var parameters = block.Parameters ?? throw new TransformFormatException(source, block.Line, $"{t.NameOfClass} has no 'Parameters:' line");
        var fixedParameters = block.FixedParameters ?? throw new TransformFormatException(source, block.Line, $"{t.NameOfClass} has no 'FixedParameters:' line");
        try
        {
            t.SetFixedParameters(fixedParameters.Values);
        }
        catch (ArgumentException e)
        {
            throw new TransformFormatException(source, fixedParameters.Line, e.MessageWithoutParameter(), e);
        }

        try
        {
            t.SetParameters(parameters.Values);
        }
        catch (ArgumentException e)
        {
            throw new TransformFormatException(source, parameters.Line, e.MessageWithoutParameter(), e);
        }
    }

    private static IParametricTransform CreateTransform(string typeName, string source, int line)
    {
        // ITK names a transform type <Class>_<double|float>_<input dimension>_<output dimension>.
        string[] parts = typeName.Split('_');
        if (parts.Length != 4 || (parts[1] != "double" && parts[1] != "float"))
        {
            throw new TransformFormatException(source, line, $"transform type '{Shorten(typeName)}' is not <Class>_<double|float>_3_3");
        }

        if (parts[2] != "3" || parts[3] != "3")
        {
            throw new TransformFormatException(source, line, $"transform type '{Shorten(typeName)}' is not 3-D (only _3_3 transforms are supported)");
        }

        return parts[0] switch
        {
            "IdentityTransform" => IdentityTransform.Instance,
            "TranslationTransform" => new TranslationTransform(),
            "Euler3DTransform" => new Euler3DTransform(),
            "VersorRigid3DTransform" => new VersorRigid3DTransform(),
            "Similarity3DTransform" => new Similarity3DTransform(),
            "AffineTransform" or "MatrixOffsetTransformBase" => new AffineTransform(),
            "CompositeTransform" => new CompositeTransform(),
            _ => throw new TransformFormatException(source, line,
                $"transform class '{Shorten(parts[0])}' is not supported (IdentityTransform, TranslationTransform, Euler3DTransform, VersorRigid3DTransform, Similarity3DTransform, AffineTransform, MatrixOffsetTransformBase, CompositeTransform)"),
        };
    }

    /// <summary>
    /// Parses a value list after checking its count against what <paramref name="transform"/> takes, so no line can
    /// make the reader allocate more than the transform needs.
    /// </summary>
    private static double[] ParseValues(string value, IParametricTransform transform, bool isFixed, string source, int line)
    {
        string[] tokens = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (transform is CompositeTransform)
        {
            if (tokens.Length > 0)
            {
                throw new TransformFormatException(source, line, "a CompositeTransform header has no parameters of its own");
            }
        }
        else if (!isFixed && tokens.Length != transform.NumberOfParameters)
        {
            throw new TransformFormatException(source, line,
                $"{transform.NameOfClass} has {transform.NumberOfParameters} parameters, the line holds {tokens.Length}");
        }
        else if (isFixed && tokens.Length != transform.NumberOfFixedParameters && !(transform is Euler3DTransform && tokens.Length == 3))
        {
            throw new TransformFormatException(source, line,
                $"{transform.NameOfClass} has {transform.NumberOfFixedParameters} fixed parameters, the line holds {tokens.Length}");
        }

        var values = new double[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new TransformFormatException(source, line, $"value {i + 1} '{Shorten(tokens[i])}' is not a finite number");
            }
        }

        return values;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s.TrimEnd('\r') : string.Concat(s.AsSpan(0, 77), "...");
}
