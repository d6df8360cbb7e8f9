using System.Globalization;
using System.Runtime.InteropServices;

namespace Orchestrator.Kubelet.Node;

/// <summary>Reads <see cref="MachineInfo"/> and the live <see cref="NodeUsage"/> of this host.</summary>
internal static class MachineInfoReader
{
    /// <summary>The machine's facts; ephemeral storage is the size of the filesystem holding <paramref name="kubeletRoot"/>.</summary>
    public static MachineInfo Read(string kubeletRoot)
    {
        var meminfo = File.ReadAllText("/proc/meminfo");
        var machineId = ReadTrimmed("/etc/machine-id") ?? ReadTrimmed("/var/lib/dbus/machine-id") ?? "";
        return new MachineInfo(
            Environment.ProcessorCount,
            MachineInfoParser.MeminfoBytes(meminfo, "MemTotal") ?? throw new InvalidOperationException("/proc/meminfo has no MemTotal"),
            Filesystem(kubeletRoot).TotalSize,
            ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
            MachineInfoParser.OsImage(ReadTrimmed("/etc/os-release") ?? ""),
            MachineInfoParser.ArchitectureName(RuntimeInformation.OSArchitecture),
            machineId,
            ReadTrimmed("/sys/class/dmi/id/product_uuid") ?? machineId,
            ReadTrimmed("/proc/sys/kernel/random/boot_id") ?? "");
    }

    /// <summary>What the pressure conditions are computed from, sampled now.</summary>
    public static NodeUsage ReadUsage(string kubeletRoot)
    {
        var meminfo = File.ReadAllText("/proc/meminfo");
        var disk = Filesystem(kubeletRoot);
        var pidMax = long.Parse(ReadTrimmed("/proc/sys/kernel/pid_max") ?? "32768", CultureInfo.InvariantCulture);
        if (ReadTrimmed("/proc/sys/kernel/threads-max") is { } threadsMax && long.TryParse(threadsMax, CultureInfo.InvariantCulture, out var threads))
        {
            pidMax = Math.Min(pidMax, threads);
        }

        return new NodeUsage(
            MachineInfoParser.MeminfoBytes(meminfo, "MemAvailable") ?? throw new InvalidOperationException("/proc/meminfo has no MemAvailable"),
            disk.AvailableFreeSpace,
            disk.TotalSize,
            MachineInfoParser.RunningTasks(File.ReadAllText("/proc/loadavg")),
            pidMax);
    }

    private static DriveInfo Filesystem(string path)
    {
        Directory.CreateDirectory(path);
        return new DriveInfo(path);
    }

    private static string? ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
