namespace MedImaging.Dicom.Series;

/// <summary>The image storage class a <see cref="DicomSeriesWriter"/> series is written as.</summary>
public enum DicomSeriesModality
{
    /// <summary>CT Image Storage (1.2.840.10008.5.1.4.1.1.2), Modality "CT", values in HU after rescale.</summary>
    CT,

    /// <summary>MR Image Storage (1.2.840.10008.5.1.4.1.1.4), Modality "MR".</summary>
    MR,
}

/// <summary>Options of <see cref="DicomSeriesWriter.Write"/>.</summary>
public sealed record DicomSeriesWriteOptions
{
    /// <summary>CT or MR Image Storage; default CT.</summary>
    public DicomSeriesModality Modality { get; init; } = DicomSeriesModality.CT;

    /// <summary>SeriesNumber (0020,0011); default 1; 0..2147483647.</summary>
    public int SeriesNumber { get; init; } = 1;

    /// <summary>SeriesDescription (0008,103E), at most 64 characters, no backslash or control characters.</summary>
    public string SeriesDescription { get; init; } = string.Empty;

    /// <summary>PatientName (0010,0010) as a DICOM PN string (<c>Family^Given</c>), at most 64 characters.</summary>
    public string PatientName { get; init; } = "Anonymous";

    /// <summary>PatientID (0010,0020), at most 64 characters.</summary>
    public string PatientId { get; init; } = "MEDIMAGING";

    /// <summary>
    /// A UID root (digits and dots, e.g. <c>1.2.826.0.1.3680043.2.1125.77</c>) that makes every UID deterministic:
    /// Study = root.1, Series = root.2, FrameOfReference = root.3, SOP Instance of slice k (1-based) = root.4.k.
    /// Null (default) = fresh random <c>2.25.&lt;UUID as decimal&gt;</c> UIDs. At most 50 characters so every derived
    /// UID stays within 64.
    /// </summary>
    public string? UidRoot { get; init; }
}

/// <summary>What <see cref="DicomSeriesWriter.Write"/> wrote.</summary>
/// <param name="Files">The files, in slice order (index k along the volume's third axis = InstanceNumber k+1).</param>
/// <param name="StudyInstanceUid">The StudyInstanceUID shared by every file.</param>
/// <param name="SeriesInstanceUid">The SeriesInstanceUID shared by every file.</param>
/// <param name="RescaleSlope">RescaleSlope written: value = stored·slope + intercept.</param>
/// <param name="RescaleIntercept">RescaleIntercept written.</param>
/// <param name="BitsStored">BitsStored (12 for scanner-style CT, else 16); BitsAllocated is always 16.</param>
/// <param name="IsSigned">PixelRepresentation 1 (two's complement) when true.</param>
/// <param name="MaxAbsoluteError">Largest |written value − volume value| over all voxels (0 for exact encodings;
/// at most slope/2 plus rounding for floating-point or wide integer volumes).</param>
public sealed record DicomSeriesWriteResult(
    IReadOnlyList<string> Files,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    double RescaleSlope,
    double RescaleIntercept,
    int BitsStored,
    bool IsSigned,
    double MaxAbsoluteError);
