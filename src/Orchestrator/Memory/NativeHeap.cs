using System.Runtime.InteropServices;

namespace Orchestrator.Host.Memory;

/// <summary>
/// The C heap (glibc malloc) beside the GC heap: SQLite's page caches, OpenSSL, the JIT's scratch memory. glibc keeps
/// what was freed inside its per-thread arenas (an idle <c>up</c> held ~20 MiB there) and returns it only on
/// <c>malloc_trim</c>, which gives back every whole free page of every arena.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>Returns the C heap's free pages to the OS; false where there is no glibc (another libc, not Linux).</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (EntryPointNotFoundException)
        {
            // musl and other C libraries have no malloc_trim.
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
