using System.Text.Json.Nodes;
using MedImaging.Filters;
using MedImaging.IO;

namespace MedImaging.Cli.Commands;

/// <summary>Reading masks and label images for the segmentation verbs, and their common JSON.</summary>
internal static class SegmentationInputs
{
    /// <summary>A mask or label image read from <paramref name="path"/> and cast to uint8 (SimpleITK Cast semantics).</summary>
    public static Volume<byte> ReadMask(string path, ExecutionOptions execution) =>
        ImageFilters.Cast(ImageFile.Read(path), PixelType.UInt8, execution).As<byte>();

    /// <summary>A label image read from <paramref name="path"/> and cast to uint32.</summary>
    public static Volume<uint> ReadLabels(string path, ExecutionOptions execution) =>
        ImageFilters.Cast(ImageFile.Read(path), PixelType.UInt32, execution).As<uint>();

    /// <summary>Voxels equal to <paramref name="value"/>.</summary>
    public static long Count(Volume<byte> mask, byte value = 1) => mask.Voxels.Count(value);

    /// <summary>A vector as a JSON array.</summary>
    public static JsonArray Array(Vec3 v) => Json.Array(v.ToArray());
}
