using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>`kubelet --os windows --windows-build B` for hollow nodes: the build validated, only with --os windows.</summary>
public sealed class WindowsNodeOptionsTests
{
    [Fact]
    public void A_hollow_windows_node_takes_the_build_as_label_and_kernel_version()
    {
        var template = KubeletCommand.NodeTemplate(ParsedCommandLine.Parse("kubelet", "--os", "windows", "--windows-build", "10.0.20348"));

        Assert.Equal(("windows", "10.0.20348", "10.0.20348.0"), (template.OperatingSystem, template.WindowsBuild?.ToString(), template.KernelVersion));
    }

    [Theory]
    [InlineData(new[] { "--windows-build", "10.0.20348" }, "--windows-build needs --os windows")]
    [InlineData(new[] { "--os", "linux", "--windows-build", "10.0.20348" }, "--windows-build needs --os windows")]
    [InlineData(new[] { "--os", "windows", "--windows-build", "20348" }, "--windows-build must be Major.Minor.Build (e.g. 10.0.20348), not \"20348\"")]
    [InlineData(new[] { "--os", "windows", "--windows-build", "10.0.20348.1" }, "--windows-build must be Major.Minor.Build (e.g. 10.0.20348), not \"10.0.20348.1\"")]
    public void Bad_combinations_are_usage_errors(string[] args, string message)
    {
        Assert.Equal(message, ParsedCommandLine.UsageError(KubeletCommand.NodeTemplate, ["kubelet", .. args]));
    }

    [Fact]
    public void A_real_windows_node_on_a_linux_host_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => RealNode.Options(ParsedCommandLine.Parse("kubelet", "--os", "windows"), "n", "/tmp/root", "port"));

        Assert.Equal("--os windows joins a Windows host, and this host runs linux; a hollow Windows node: --runtime hollow --os windows --windows-build 10.0.20348", error.Message);
    }
}
