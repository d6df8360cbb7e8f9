using System.Runtime.Versioning;
using Microsoft.Win32;

namespace Orchestrator.Kubelet.Node.Windows;

/// <summary>
/// The machine facts and live usage of a Windows host, where there is no /proc: memory from
/// <c>GlobalMemoryStatusEx</c> (upstream's winstats reads the same totals), the machine id from
/// HKLM\SOFTWARE\Microsoft\Cryptography\MachineGuid, the process count as the running tasks. Windows has no PID
/// limit the kubelet watches, so the PID ceiling is effectively unbounded (upstream reports no PIDPressure there).
/// The OS image and kernel version come from <see cref="IWindowsVersionSource"/> (NodeConfig.AsWindows).
/// </summary>
[SupportedOSPlatform("windows")]
internal static partial class WindowsMachineFacts
{
    private const string CryptographyKey = @"SOFTWARE\Microsoft\Cryptography";

    public static (long TotalBytes, long AvailableBytes) Memory()
    {
        var status = new MemoryStatusEx { Length = (uint)Marshal.SizeOf<MemoryStatusEx>() };
        if (!GlobalMemoryStatusEx(ref status))
        {
            throw new InvalidOperationException($"GlobalMemoryStatusEx failed: error {Marshal.GetLastPInvokeError()}");
        }

        return ((long)status.TotalPhys, (long)status.AvailPhys);
    }

    public static string MachineId()
    {
        using var key = Registry.LocalMachine.OpenSubKey(CryptographyKey);
        return key?.GetValue("MachineGuid") as string ?? "";
    }

    public static int RunningProcesses()
    {
        var processes = Process.GetProcesses();
        foreach (var process in processes)
        {
            process.Dispose();
        }

        return processes.Length;
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GlobalMemoryStatusEx(ref MemoryStatusEx buffer);

    /// <summary>MEMORYSTATUSEX (sysinfoapi.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MemoryStatusEx
    {
        public uint Length;
        public uint MemoryLoad;
        public ulong TotalPhys;
        public ulong AvailPhys;
        public ulong TotalPageFile;
        public ulong AvailPageFile;
        public ulong TotalVirtual;
        public ulong AvailVirtual;
        public ulong AvailExtendedVirtual;
    }
}
