using System.Globalization;
using System.Runtime.CompilerServices;

namespace MedImaging.Transforms;

/// <summary>Argument checks shared by the transforms: lengths of parameter spans and finite values.</summary>
internal static class TransformArguments
{
    /// <summary>Throws unless <paramref name="values"/> holds exactly <paramref name="expected"/> finite numbers.</summary>
    /// <exception cref="ArgumentException">The count differs or a value is not finite; the exception names the caller's parameter.</exception>
    public static void CheckValues(ReadOnlySpan<double> values, int expected, string what, string transform,
        [CallerArgumentExpression(nameof(values))] string? paramName = null)
    {
        if (values.Length != expected)
        {
            throw new ArgumentException($"{transform} has {expected} {what}, got {values.Length}", paramName);
        }

        CheckFinite(values, what, transform, paramName!);
    }

    /// <summary>
    /// Throws when any value is NaN or infinite; <paramref name="paramNames"/> names the parameter of each value (one
    /// name for all of them, or one per value).
    /// </summary>
    /// <exception cref="ArgumentException">A value is not finite; the exception names its parameter.</exception>
    public static void CheckFinite(ReadOnlySpan<double> values, string what, string transform, params string[] paramNames)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{transform}: {what}[{i}] is {values[i]}; every value must be finite"), paramNames[paramNames.Length == 1 ? 0 : i]);
            }
        }
    }

    /// <summary>Throws unless a buffer of <paramref name="length"/> values can hold <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentException">The buffer is too short; the exception names <paramref name="paramName"/>.</exception>
    public static void CheckDestination(int length, int count, string what, string paramName)
    {
        if (length < count)
        {
            throw new ArgumentException($"the {what} buffer holds {length} values; {count} are needed", paramName);
        }
    }

    /// <summary>A new array holding the parameters (or, with <paramref name="fixedParameters"/>, the fixed parameters) of <paramref name="transform"/>.</summary>
    public static double[] Copy(IParametricTransform transform, bool fixedParameters)
    {
        var values = new double[fixedParameters ? transform.NumberOfFixedParameters : transform.NumberOfParameters];
        if (fixedParameters)
        {
            transform.GetFixedParameters(values);
        }
        else
        {
            transform.GetParameters(values);
        }

        return values;
    }

    /// <summary>Adds <paramref name="factor"/> · update to the parameters of <paramref name="transform"/> (ITK's default update).</summary>
    public static void AddUpdate(IParametricTransform transform, ReadOnlySpan<double> update, double factor)
    {
        int n = transform.NumberOfParameters;
        CheckValues(update, n, "update values", transform.NameOfClass);
        Span<double> p = n <= 64 ? stackalloc double[n] : new double[n];
        transform.GetParameters(p);
        for (int i = 0; i < n; i++)
        {
            p[i] += factor * update[i];
        }

        transform.SetParameters(p);
    }

    /// <summary>Writes the 3 × 3 identity (∂T/∂t for a translation t) into columns first … first + 2 of a 3 × columns Jacobian.</summary>
    public static void WriteTranslationBlock(Span<double> jacobian, int columns, int first)
    {
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                jacobian[i * columns + first + j] = i == j ? 1.0 : 0.0;
            }
        }
    }

    /// <summary>Writes the vector <paramref name="column"/> into column <paramref name="p"/> of a 3 × columns Jacobian.</summary>
    public static void WriteColumn(Span<double> jacobian, int columns, int p, Vec3 column)
    {
        jacobian[p] = column.X;
        jacobian[columns + p] = column.Y;
        jacobian[2 * columns + p] = column.Z;
    }
}
