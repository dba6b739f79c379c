namespace MedImaging.Dicom.Series;

/// <summary>Ways a stack of parallel slices fails to be a regular orthogonal grid (found from ImagePositionPatient).</summary>
[Flags]
public enum StackIrregularity
{
    /// <summary>Slices are equally spaced along their normal and stacked straight along it.</summary>
    None = 0,

    /// <summary>Consecutive positions move sideways in the slice plane: the stack is sheared (gantry tilt).</summary>
    GantryTilt = 1,

    /// <summary>Steps along the normal differ by more than the tolerance.</summary>
    VariableSpacing = 2,

    /// <summary>At least one step is more than 1.5 times the median step: slices are missing.</summary>
    MissingSlices = 4,

    /// <summary>Some positions repeat and others do not, or repeat a different number of times.</summary>
    DuplicatePositions = 8,
}
