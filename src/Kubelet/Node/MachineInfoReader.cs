using Orchestrator.Kubelet.Node.Windows;

namespace Orchestrator.Kubelet.Node;

/// <summary>Reads <see cref="MachineInfo"/> and the live <see cref="NodeUsage"/> of this host: /proc on Linux, <see cref="WindowsMachineFacts"/> on Windows.</summary>
internal static class MachineInfoReader
{
    /// <summary>The machine's facts; ephemeral storage is the size of the filesystem holding <paramref name="kubeletRoot"/>.</summary>
    public static MachineInfo Read(string kubeletRoot)
    {
        if (OperatingSystem.IsWindows())
        {
            var machineGuid = WindowsMachineFacts.MachineId();
            return new MachineInfo(
                Environment.ProcessorCount,
                WindowsMachineFacts.Memory().TotalBytes,
                Filesystem(kubeletRoot).TotalSize,
                Environment.OSVersion.Version.ToString(),
                "Windows",
                MachineInfoParser.ArchitectureName(RuntimeInformation.OSArchitecture),
                machineGuid,
                machineGuid,
                "");
        }

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
        if (OperatingSystem.IsWindows())
        {
            var windowsDisk = Filesystem(kubeletRoot);
            return new NodeUsage(WindowsMachineFacts.Memory().AvailableBytes, windowsDisk.AvailableFreeSpace, windowsDisk.TotalSize, WindowsMachineFacts.RunningProcesses(), long.MaxValue);
        }

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
