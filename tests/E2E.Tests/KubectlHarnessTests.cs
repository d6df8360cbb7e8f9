using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>The harness gives a kubectl that names its own timeout that timeout plus 30 s, in both of kubectl's spellings.</summary>
public sealed class KubectlHarnessTests
{
    [Theory]
    [InlineData(new[] { "get", "pods" }, 60)]
    [InlineData(new[] { "rollout", "status", "deploy/x", "--timeout=90s" }, 120)]
    [InlineData(new[] { "delete", "-f", "x.yaml", "--wait", "--timeout", "120s" }, 150)]
    [InlineData(new[] { "get", "--request-timeout", "2m", "pods" }, 150)]
    [InlineData(new[] { "wait", "--timeout=5s", "pod/x" }, 60)]
    [InlineData(new[] { "get", "--timeout" }, 60)]
    public void A_kubectl_runs_for_its_own_timeout_plus_thirty_seconds_or_sixty(string[] args, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Kubectl.ProcessLimit(args));
}
