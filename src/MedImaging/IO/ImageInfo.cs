namespace MedImaging.IO;

/// <summary>
/// What a file's header says, without its voxels (<see cref="ImageFile.ReadGeometry"/>): the format, the voxel type
/// a full read returns, the 3-D geometry in LPS and the number of volumes along the fourth dimension.
/// </summary>
/// <param name="Path">The file that was read.</param>
/// <param name="Format">The file format.</param>
/// <param name="PixelType">The voxel type <see cref="ImageFile.Read"/> returns (float32 when NIfTI scl_slope/scl_inter are not identity).</param>
/// <param name="Geometry">Size, spacing (mm), origin (LPS mm) and direction of each 3-D volume.</param>
/// <param name="NumberOfVolumes">Volumes along the fourth dimension (1 for a 3-D image).</param>
/// <param name="RepetitionTime">Time between volumes in seconds (NIfTI pixdim[4]), 0 when unknown.</param>
public sealed record ImageInfo(string Path, ImageFileFormat Format, PixelType PixelType, VolumeGeometry Geometry,
    int NumberOfVolumes, double RepetitionTime);
