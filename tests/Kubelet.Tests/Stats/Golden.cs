using System.Runtime.CompilerServices;

namespace Orchestrator.Kubelet.Tests.Stats;

/// <summary>Golden files next to the test sources; ORC_UPDATE_GOLDEN=1 rewrites them from the actual output.</summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "golden", name);
        if (Environment.GetEnvironmentVariable("ORC_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing (run with ORC_UPDATE_GOLDEN=1 to write it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
