namespace MedImaging;

/// <summary>A volume's size in voxels along index axes x, y, z (x fastest in memory).</summary>
/// <param name="X">Voxels along index axis 0.</param>
/// <param name="Y">Voxels along index axis 1.</param>
/// <param name="Z">Voxels along index axis 2.</param>
public readonly record struct Size3(int X, int Y, int Z)
{
    /// <summary>Voxels along <paramref name="axis"/> (0, 1 or 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not 0, 1 or 2.</exception>
    public int this[int axis] => axis switch
    {
        0 => X,
        1 => Y,
        2 => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0, 1 or 2"),
    };

    /// <summary>Total voxel count as a 64-bit number (never overflows).</summary>
    public long VoxelCount => (long)X * Y * Z;

    /// <summary>The sizes as an array [X, Y, Z].</summary>
    public int[] ToArray() => [X, Y, Z];

    /// <inheritdoc />
    public override string ToString() => $"{X}x{Y}x{Z}";
}
