using System.Runtime.InteropServices;
using Orchestrator.Kubelet.Node;

namespace Orchestrator.Kubelet.Tests.Node;

public sealed class MachineInfoParserTests
{
    private const string Meminfo = """
        MemTotal:       16318216 kB
        MemFree:          812345 kB
        MemAvailable:    9000000 kB
        HugePages_Total:       0
        """;

    [Theory]
    [InlineData("MemTotal", 16318216L * 1024)]
    [InlineData("MemAvailable", 9000000L * 1024)]
    [InlineData("HugePages_Total", 0L)]
    [InlineData("SwapTotal", null)]
    public void Reads_meminfo_fields_in_bytes(string field, long? bytes) => Assert.Equal(bytes, MachineInfoParser.MeminfoBytes(Meminfo, field));

    [Theory]
    [InlineData("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n", "Debian GNU/Linux 12 (bookworm)")]
    [InlineData("PRETTY_NAME='Alpine Linux v3.19'\n", "Alpine Linux v3.19")]
    [InlineData("PRETTY_NAME=Plain\n", "Plain")]
    [InlineData("ID=unknown\n", "Linux")]
    public void Os_image_is_the_pretty_name(string osRelease, string expected) => Assert.Equal(expected, MachineInfoParser.OsImage(osRelease));

    [Theory]
    [InlineData("0.52 0.58 0.59 3/517 12345\n", 517L)]
    [InlineData("1.00 2.00 3.00 10/20000 1", 20000L)]
    public void Running_tasks_come_from_loadavg(string loadavg, long expected) => Assert.Equal(expected, MachineInfoParser.RunningTasks(loadavg));

    [Fact]
    public void A_malformed_loadavg_fails_loudly() => Assert.Throws<FormatException>(() => MachineInfoParser.RunningTasks("0.1 0.2"));

    [Theory]
    [InlineData(Architecture.X64, "amd64")]
    [InlineData(Architecture.Arm64, "arm64")]
    public void Architecture_names_are_kubernetes_names(Architecture architecture, string name) => Assert.Equal(name, MachineInfoParser.ArchitectureName(architecture));

    [Fact]
    public void This_machine_reads_with_real_values()
    {
        var root = Path.Combine(Path.GetTempPath(), $"kubelet-root-{Guid.NewGuid():N}");
        try
        {
            var machine = MachineInfoReader.Read(root);
            var usage = MachineInfoReader.ReadUsage(root);

            Assert.Equal(Environment.ProcessorCount, machine.CpuCores);
            Assert.True(machine.MemoryBytes > 0);
            Assert.True(machine.EphemeralStorageBytes > 0);
            Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), machine.KernelVersion);
            Assert.Matches("^[0-9a-f-]{36}$", machine.BootId);
            Assert.InRange(usage.MemoryAvailableBytes, 1, machine.MemoryBytes);
            Assert.InRange(usage.NodeFsAvailableBytes, 0, usage.NodeFsCapacityBytes);
            Assert.InRange(usage.RunningProcesses, 1, usage.MaxPid);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
