using Orchestrator.KubeProxy.Backends.Iptables;
using Orchestrator.KubeProxy.Tests.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>
/// The full-sync restore input for each of <see cref="PlanFixtures"/> (the inputs the nftables golden files are
/// rendered from too), against golden/&lt;fixture&gt;.iptables (GOLDEN_UPDATE=1 rewrites them).
/// </summary>
public class IptablesGoldenTests
{
    public static TheoryData<string> Cases => [.. PlanFixtures.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Full_sync_text_matches_golden_file(string name)
    {
        var text = IptablesRenderer.RenderText(PlanFixtures.All[name], IptablesRenderOptions.Default);
        var file = name + ".iptables";
        if (Environment.GetEnvironmentVariable("GOLDEN_UPDATE") == "1")
        {
            File.WriteAllText(Path.Combine(SourceGoldenDirectory(), file), text);
        }

        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Backends", "Iptables", "golden", file));
        Assert.Equal(golden, text);
    }

    private static string SourceGoldenDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KubeProxy.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("KubeProxy.Tests.csproj not found above the test output"), "Backends", "Iptables", "golden");
    }
}
