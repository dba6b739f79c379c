using System.Globalization;
using System.Runtime.InteropServices;

namespace MedImaging.Tests.Core;

/// <summary>
/// <see cref="VoxelArrays"/>: the requested length and contents for small and large arrays, and, where the kernel
/// offers transparent huge pages on request, large arrays really backed by them (read back from /proc/self/smaps).
/// </summary>
[TestFixture]
public sealed class VoxelArraysTests
{
    [TestCase(1000)]
    [TestCase((int)(VoxelArrays.HugePageThreshold / sizeof(short)) + 12345)]
    public void Allocate_Zeroed_IsAllZeroOfTheLength(int length)
    {
        // Dirty the heap first so that a reused block would show if clearing were skipped.
        var dirty = new short[length];
        dirty.AsSpan().Fill(-7);
        dirty = null;
        GC.Collect();

        short[] array = VoxelArrays.Allocate<short>(length, zeroed: true);

        Assert.That(array, Has.Length.EqualTo(length));
        Assert.That(array.AsSpan().ContainsAnyExcept((short)0), Is.False);
    }

    [Test]
    public void Allocate_Large_IsBackedByHugePagesWhereTheKernelOffersThem()
    {
        string mode = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")
            ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled") : "";
        if (!mode.Contains("[madvise]", StringComparison.Ordinal) && !mode.Contains("[always]", StringComparison.Ordinal))
        {
            Assert.Ignore("transparent huge pages are not offered by this kernel (/sys/kernel/mm/transparent_hugepage/enabled)");
        }

        // 32 MiB: at least 15 whole aligned 2 MiB pages inside, whatever the array's start.
        float[] array = VoxelArrays.Allocate<float>(8 << 20, zeroed: false);
        array.AsSpan().Fill(1);
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);

        long hugeKiB = AnonHugePagesKiB(start, start + array.Length * sizeof(float));

        // The kernel may fall back to small pages when it has no free 2 MiB block (fragmented memory), so ask for
        // half of the aligned interior, not all of it.
        Assert.That(hugeKiB, Is.GreaterThanOrEqualTo(8 * 1024), $"AnonHugePages of the mapping holding the array: {hugeKiB} KiB");
        GC.KeepAlive(array);
    }

    /// <summary>
    /// AnonHugePages (KiB) of the /proc/self/smaps mappings that overlap [<paramref name="start"/>, <paramref name="end"/>)
    /// (the advice splits the heap's mapping at the aligned interior's bounds).
    /// </summary>
    private static long AnonHugePagesKiB(long start, long end)
    {
        bool inside = false;
        long sum = 0;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-', StringComparison.Ordinal);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long low)
                && long.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long high))
            {
                inside = low < end && high > start;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
            {
                sum += long.Parse(line.AsSpan(14).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
