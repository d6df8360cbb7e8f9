using Orchestrator.Kubelet.Probes;

namespace Orchestrator.Kubelet.Tests.Probes;

public sealed class ProbeCounterTests
{
    // Attempts as a string of s (success) / f (failure); expected publications with '.' for "none yet".
    [Theory]
    [InlineData(1, 3, "s", "S")]
    [InlineData(1, 3, "fff", "..F")]
    [InlineData(1, 3, "ffsfff", "..S..F")]
    [InlineData(1, 3, "fffff", "..FFF")]
    [InlineData(2, 1, "sfss", ".F.S")]
    [InlineData(3, 2, "sssf", "..S.")]
    public void Publishes_only_after_a_run_reaches_its_threshold(int success, int failure, string attempts, string expected)
    {
        var counter = new ProbeCounter(success, failure);
        var published = string.Concat(attempts.Select(a => counter.Observe(a == 's') switch { true => 'S', false => 'F', null => '.' }));
        Assert.Equal(expected, published);
    }
}
