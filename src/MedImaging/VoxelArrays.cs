using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedImaging;

/// <summary>
/// Allocates the arrays that hold whole volumes, slabs and their workspaces. On Linux, an array of at least
/// <see cref="HugePageThreshold"/> bytes is placed on the pinned object heap and its 2 MiB-aligned interior is
/// offered to the kernel for transparent huge pages (<c>madvise(MADV_HUGEPAGE)</c>, which the usual <c>madvise</c>
/// mode of <c>/sys/kernel/mm/transparent_hugepage/enabled</c> requires): the first touch of such memory then costs
/// one page fault per 2 MiB instead of 512 faults of 4 KiB (about 10 µs each on virtual machines, i.e. ~0.4 s for a
/// fresh 160 MB output). numpy does the same for its large arrays. Elsewhere, or when the kernel refuses, the arrays
/// are ordinary ones: the advice changes only the speed, never the contents.
/// </summary>
internal static class VoxelArrays
{
    /// <summary>Smallest array, in bytes, offered for huge pages (two of them, so the aligned interior is worth it).</summary>
    public const long HugePageThreshold = 4 << 20;

    private const long HugePageBytes = 2 << 20;

    /// <summary>An array of <paramref name="length"/> elements, cleared to zero when <paramref name="zeroed"/>.</summary>
    public static T[] Allocate<T>(int length, bool zeroed)
        where T : unmanaged
    {
        if ((long)length * Unsafe.SizeOf<T>() < HugePageThreshold || !NativeMethods.HugePagesAvailable)
        {
            return zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        }

        // Pinned: the advice is about addresses, so the array must never move. Cleared only after the advice, so
        // that the clearing itself faults in huge pages.
        T[] array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        long first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        long end = (start + (long)length * Unsafe.SizeOf<T>()) & ~(HugePageBytes - 1);
        if (end > first)
        {
            NativeMethods.AdviseHugePages((nint)first, (nuint)(end - first));
        }

        if (zeroed)
        {
            array.AsSpan().Clear();
        }

        return array;
    }

    /// <summary>libc's <c>madvise</c>, called only where the kernel offers transparent huge pages on request.</summary>
    private static class NativeMethods
    {
        private const int MadviseHugePage = 14; // MADV_HUGEPAGE, linux/mman-common.h
        private static bool s_available = OperatingSystem.IsLinux() && KernelOffersHugePages();

        public static bool HugePagesAvailable => s_available;

        public static void AdviseHugePages(nint address, nuint length)
        {
            try
            {
                _ = Madvise(address, length, MadviseHugePage); // a refusal (EINVAL on old kernels) leaves 4 KiB pages
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_available = false; // not glibc (e.g. musl): ordinary arrays from now on
            }
        }

        private static bool KernelOffersHugePages()
        {
            try
            {
                string mode = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
                return mode.Contains("[madvise]", StringComparison.Ordinal) || mode.Contains("[always]", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        [DllImport("libc.so.6", EntryPoint = "madvise", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Madvise(nint address, nuint length, int advice);
    }
}
