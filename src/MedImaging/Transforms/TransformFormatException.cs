namespace MedImaging.Transforms;

/// <summary>An ITK transform file (.tfm/.txt) is unreadable: the message names the file, the line and the problem.</summary>
public class TransformFormatException : MedImagingException
{
    /// <summary>Creates the exception; the message is "'file' line N: problem" (line 0: the file as a whole).</summary>
    /// <param name="path">The file (or a description of the text's source).</param>
    /// <param name="line">1-based line number, 0 when the problem is not on one line.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TransformFormatException(string path, int line, string problem, Exception? innerException = null)
        : base(line > 0 ? $"'{path}' line {line}: {problem}" : $"'{path}': {problem}", innerException)
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>1-based line number of the problem, 0 when it concerns the whole file.</summary>
    public int Line { get; }
}
