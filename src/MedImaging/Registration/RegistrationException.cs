namespace MedImaging.Registration;

/// <summary>
/// Registration cannot proceed or produced no meaningful result: the images do not overlap after initialisation,
/// too few samples map inside the moving image, an image is constant, or the metric became undefined. The message
/// says which, with the numbers (ITK reports the same cases as generic exceptions or NaN parameters).
/// </summary>
public class RegistrationException : MedImagingException
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    public RegistrationException(string message)
        : base(message)
    {
    }
}
