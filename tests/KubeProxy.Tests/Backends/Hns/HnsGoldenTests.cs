using System.Runtime.CompilerServices;
using Orchestrator.KubeProxy.Backends.Hns;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

public class HnsGoldenTests
{
    public static TheoryData<string> Cases => [.. HnsFixtures.Cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hcn_documents_match_the_golden_file(string name)
    {
        var (plan, network, options) = HnsFixtures.Cases[name];
        var rendered = HnsDocuments.Build(HnsRenderer.Render(plan, network, options), network, HnsDocuments.DeterministicGuid).ToJson();
        var file = name + ".json";
        if (Environment.GetEnvironmentVariable("GOLDEN_UPDATE") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "golden", file), rendered);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Backends", "Hns", "golden", file));
        Assert.Equal(expected, rendered);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
