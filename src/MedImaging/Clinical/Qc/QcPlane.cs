namespace MedImaging.Clinical.Qc;

/// <summary>
/// The anatomical planes of QC pictures, displayed as radiologists view them (patient facing the viewer, feet
/// toward the viewer for axial): axial with the patient's right on the image's left and anterior up; coronal with
/// right on the left and superior up; sagittal with anterior on the left and superior up.
/// </summary>
public enum QcPlane
{
    /// <summary>Transverse plane (constant LPS z): columns run R→L (+x), rows A→P (+y).</summary>
    Axial,

    /// <summary>Frontal plane (constant LPS y): columns run R→L (+x), rows S→I (−z).</summary>
    Coronal,

    /// <summary>Median-parallel plane (constant LPS x): columns run A→P (+y), rows S→I (−z).</summary>
    Sagittal,
}

/// <summary>How labels are drawn over the grey picture.</summary>
public enum QcOverlayMode
{
    /// <summary>Labelled pixels are blended with the label colour at <see cref="QcOptions.OverlayAlpha"/>.</summary>
    Fill,

    /// <summary>Only the label boundaries (labelled pixels with a 4-neighbour of another label) are drawn, opaque.</summary>
    Contour,

    /// <summary>Blended fill and opaque boundaries (the default).</summary>
    FillAndContour,
}
