namespace MedImaging;

/// <summary>
/// A three-letter orientation code naming where each index axis points <em>to</em>: <c>LPS</c> is the identity
/// direction, <c>RAS</c> has x toward Right, y toward Anterior, z toward Superior. The convention of ITK 5's
/// <c>DICOMOrientImageFilter</c>, SimpleITK's <c>DICOMOrient</c> and nibabel's <c>aff2axcodes</c>.
/// </summary>
public readonly record struct OrientationCode
{
    private const string Positive = "LPS";
    private const string Negative = "RAI";

    private OrientationCode(string code) => Code = code;

    /// <summary>The code, three upper-case letters from {L, R}, {P, A}, {S, I}, one per index axis.</summary>
    public string Code { get; }

    /// <summary>LPS: the identity direction (DICOM/ITK).</summary>
    public static OrientationCode Lps { get; } = new("LPS");

    /// <summary>RAS: x Right, y Anterior, z Superior (NIfTI/nibabel world, Slicer).</summary>
    public static OrientationCode Ras { get; } = new("RAS");

    /// <summary>Parses a code such as "RAS" or "lpi".</summary>
    /// <exception cref="ArgumentException">Not three letters naming each anatomical axis once.</exception>
    public static OrientationCode Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        string upper = code.ToUpperInvariant();
        if (upper.Length != 3)
        {
            throw new ArgumentException($"orientation code '{code}' must have three letters", nameof(code));
        }

        Span<bool> used = stackalloc bool[3];
        foreach (char c in upper)
        {
            int axis = AxisOf(c);
            if (axis < 0 || used[axis])
            {
                throw new ArgumentException($"orientation code '{code}' must name each of L/R, P/A, S/I exactly once", nameof(code));
            }

            used[axis] = true;
        }

        return new OrientationCode(upper);
    }

    /// <summary>
    /// The code of a direction matrix: for each column (index axis), the LPS axis with the largest absolute component
    /// and its sign. Oblique directions get the closest code.
    /// </summary>
    public static OrientationCode FromDirection(Mat3 direction)
    {
        Span<char> letters = stackalloc char[3];
        Span<bool> used = stackalloc bool[3];
        for (int j = 0; j < 3; j++)
        {
            Vec3 column = direction.Column(j);
            int best = -1;
            for (int i = 0; i < 3; i++)
            {
                if (!used[i] && (best < 0 || Math.Abs(column[i]) > Math.Abs(column[best])))
                {
                    best = i;
                }
            }

            used[best] = true;
            letters[j] = column[best] >= 0 ? Positive[best] : Negative[best];
        }

        return new OrientationCode(new string(letters));
    }

    /// <summary>The direction matrix whose columns point exactly where the letters say.</summary>
    public Mat3 ToDirection()
    {
        Span<double> m = stackalloc double[9];
        for (int j = 0; j < 3; j++)
        {
            char c = Code[j];
            int axis = AxisOf(c);
            m[3 * axis + j] = Positive.Contains(c, StringComparison.Ordinal) ? 1 : -1;
        }

        return Mat3.FromRowMajor(m);
    }

    /// <inheritdoc />
    public override string ToString() => Code;

    private static int AxisOf(char c) => c switch
    {
        'L' or 'R' => 0,
        'P' or 'A' => 1,
        'S' or 'I' => 2,
        _ => -1,
    };
}
