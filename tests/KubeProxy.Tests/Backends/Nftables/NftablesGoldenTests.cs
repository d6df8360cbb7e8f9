using System.Runtime.CompilerServices;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Tests.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

public class NftablesGoldenTests
{
    public static TheoryData<string> Fixtures => [.. PlanFixtures.All.Keys];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Full_sync_script_matches_the_golden_file(string fixture)
    {
        var rendered = new NftablesBackend().Render(PlanFixtures.All[fixture]);
        var file = fixture + ".nft";
        if (Environment.GetEnvironmentVariable("GOLDEN_UPDATE") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "golden", file), rendered);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Backends", "Nftables", "golden", file));
        Assert.Equal(expected, rendered);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
