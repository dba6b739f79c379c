using MedImaging.Clinical.Review;
using MedImaging.Dicom;

namespace MedImaging.Tests.Core;

/// <summary>Small members whose argument errors name the caller's parameter (docs/ARCHITECTURE.md, "Errors").</summary>
[TestFixture]
public sealed class ArgumentNameTests
{
    [TestCase(3, 0, "row")]
    [TestCase(0, 3, "column")]
    [TestCase(-1, 5, "row")]
    public void Mat3Indexer_OutsideTheMatrix_NamesTheIndexOutside(int row, int column, string named)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = Mat3.Identity[row, column]);

        Assert.That(ex!.ParamName, Is.EqualTo(named));
    }

    [Test]
    public void DicomCharacterSetFromTerms_NullTerm_ArgumentExceptionNamingTerms()
    {
        var ex = Assert.Throws<ArgumentException>(() => DicomCharacterSet.FromTerms([null!]));

        Assert.That(ex!.ParamName, Is.EqualTo("terms"));
    }

    [Test]
    public void BatchReviewWrite_NullFolder_NamesOutputDirectory()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => BatchReview.Write(null!, null!));

        Assert.That(ex!.ParamName, Is.EqualTo("outputDirectory"));
    }
}
