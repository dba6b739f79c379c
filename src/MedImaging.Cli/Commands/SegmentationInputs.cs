using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;
using MedImaging.Measurements;

namespace MedImaging.Cli.Commands;

/// <summary>Reading masks and label images for the segmentation verbs, and their common JSON.</summary>
internal static class SegmentationInputs
{
    /// <summary>A mask or label image read from <paramref name="path"/> and cast to uint8 (SimpleITK Cast semantics).</summary>
    public static Volume<byte> ReadMask(string path, ExecutionOptions execution) =>
        ImageFilters.Cast(ImageInputs.ReadVolume(path, execution), PixelType.UInt8, execution).As<byte>();

    /// <summary>
    /// A label image read from <paramref name="path"/> as int32, any voxel type: float 2.0 is label 2; a fractional,
    /// NaN or negative voxel is refused naming the file, the voxel and the value (<see cref="LabelImages.ToInt32"/>).
    /// </summary>
    public static Volume<int> ReadLabels(string path, ExecutionOptions execution) =>
        LabelImages.ToInt32(ImageInputs.ReadVolume(path, execution), path, execution);

    /// <summary>
    /// A label image read from <paramref name="path"/> in the narrowest type that holds it: uint8 and uint16 as stored,
    /// any other type checked and converted to int32 (<see cref="LabelImages.AsLabels"/>).
    /// </summary>
    public static Volume ReadLabelImage(string path, ExecutionOptions execution) =>
        LabelImages.AsLabels(ImageFile.Read(path), path, execution);

    /// <summary>Voxels equal to <paramref name="value"/>.</summary>
    public static long Count(Volume<byte> mask, byte value = 1) => mask.Voxels.Count(value);

    /// <summary>A vector as a JSON array.</summary>
    public static JsonArray Array(Vec3 v) => Json.Array(v.ToArray());
}
