using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.ApiMachinery.Tests.Images;

/// <summary>Which node runs which image platform: containerd's platforms matcher and Windows version rule, as a table.</summary>
public sealed class PlatformCompatibilityTests
{
    [Theory]
    // The examples: an image built on 17763 runs only on 17763; a 20348 image on 20348 and newer LTSC hosts.
    [InlineData("windows", "amd64", "10.0.17763", "windows", "amd64", "10.0.17763.1879", true)]
    [InlineData("windows", "amd64", "10.0.20348", "windows", "amd64", "10.0.17763.1879", false)]
    [InlineData("windows", "amd64", "10.0.17763", "windows", "amd64", "10.0.20348.2113", false)]
    [InlineData("windows", "amd64", "10.0.20348", "windows", "amd64", "10.0.20348.2113", true)]
    [InlineData("windows", "amd64", "10.0.26100", "windows", "amd64", "10.0.20348.2113", true)]
    [InlineData("windows", "amd64", "10.0.26100", "windows", "amd64", "10.0.26100.1", true)]
    [InlineData("windows", "amd64", "10.0.20348", "windows", "amd64", "10.0.26100.1", false)]
    [InlineData("windows", "amd64", "10.0.26100", "windows", "amd64", "10.0.19041.1", false)]
    [InlineData("windows", "amd64", "10.0.17763", "windows", "amd64", "10.0.19041.1", false)]
    [InlineData("windows", "amd64", "10.0.20348", "windows", "amd64", "10.0.19041.1", false)]
    // Below 20348 the build must be equal; the revision never counts.
    [InlineData("windows", "amd64", "10.0.14393", "windows", "amd64", "10.0.14393.999", true)]
    [InlineData("windows", "amd64", "10.0.14393", "windows", "amd64", "10.0.17763.1", false)]
    [InlineData("windows", "amd64", "10.0.17763.5329", "windows", "amd64", "10.0.17763.1879", true)]
    // Major and minor must be equal.
    [InlineData("windows", "amd64", "10.1.20348", "windows", "amd64", "10.0.20348.1", false)]
    [InlineData("windows", "amd64", "11.0.20348", "windows", "amd64", "10.0.20348.1", false)]
    // A missing version on either side matches any; a malformed image version matches none.
    [InlineData("windows", "amd64", null, "windows", "amd64", "10.0.17763.1879", true)]
    [InlineData("windows", "amd64", "10.0.17763", "windows", "amd64", null, true)]
    [InlineData("windows", "amd64", "10.0.17763", "windows", "amd64", "10.0", false)]
    [InlineData("windows", "amd64", "not-a-build", "windows", "amd64", "10.0.17763.1", true)]
    // OS and architecture.
    [InlineData("linux", "amd64", null, "linux", "amd64", null, true)]
    [InlineData("linux", "amd64", null, "windows", "amd64", "10.0.17763.1", false)]
    [InlineData("windows", "amd64", "10.0.17763", "linux", "amd64", null, false)]
    [InlineData("linux", "arm64", null, "linux", "amd64", null, false)]
    [InlineData("linux", "amd64", null, "linux", "arm64", null, false)]
    [InlineData("linux", "arm64", null, "linux", "aarch64", null, true)]
    [InlineData("linux", "amd64", null, "linux", "x86_64", null, true)]
    [InlineData("linux", "AMD64", null, "Linux", "amd64", null, true)]
    [InlineData("linux", "arm", null, "linux", "armhf", null, true)]
    [InlineData("linux", null, null, "linux", "s390x", null, true)]
    [InlineData("windows", "arm64", "10.0.26100", "windows", "amd64", "10.0.26100.1", false)]
    public void CanRun(string nodeOs, string? nodeArch, string? nodeBuild, string imageOs, string imageArch, string? imageVersion, bool expected) =>
        Assert.Equal(expected, PlatformCompatibility.CanRun(new NodePlatform(nodeOs, nodeArch, nodeBuild), new ImagePlatform(imageOs, imageArch, OsVersion: imageVersion)));

    [Theory]
    [InlineData("10.0.17763", true, 10, 0, 17763)]
    [InlineData("10.0.17763.1879", true, 10, 0, 17763)]
    [InlineData("10.0", false, 0, 0, 0)]
    [InlineData("10.0.17763.1.2", false, 0, 0, 0)]
    [InlineData("10.0.x", false, 0, 0, 0)]
    [InlineData("10.0.-1", false, 0, 0, 0)]
    [InlineData("", false, 0, 0, 0)]
    [InlineData(null, false, 0, 0, 0)]
    public void ParsesWindowsVersions(string? text, bool parsed, int major, int minor, int build)
    {
        Assert.Equal(parsed, WindowsVersion.TryParse(text, out var version));
        Assert.Equal(new WindowsVersion(major, minor, build), version);
    }

    [Fact]
    public void ReadsNodeLabels()
    {
        Assert.Equal(new NodePlatform("linux"), NodePlatform.FromLabels(null));
        Assert.Equal(
            new NodePlatform("windows", "amd64", "10.0.20348"),
            NodePlatform.FromLabels(new Dictionary<string, string>
            {
                ["kubernetes.io/os"] = "windows",
                ["kubernetes.io/arch"] = "amd64",
                ["node.kubernetes.io/windows-build"] = "10.0.20348",
                ["kubernetes.io/hostname"] = "w1",
            }));
    }
}
