using Orchestrator.ApiServer.Aggregation;

namespace Orchestrator.ApiServer.Tests.Aggregation;

/// <summary>kube-aggregator's SortedByGroupAndVersion: group order by the highest groupPriorityMinimum, versions by versionPriority then kube-aware version.</summary>
public sealed class ApiServiceOrderTests
{
    [Fact]
    public void Groups_follow_their_highest_group_priority_then_the_name()
    {
        var sorted = ApiServiceOrder.ByGroupAndVersion(
        [
            Entry("b.example.com", "v1", 100, 10),
            Entry("a.example.com", "v1", 100, 10),
            Entry("metrics.k8s.io", "v1beta1", 100, 100),
            Entry("b.example.com", "v2", 2000, 10),
            Entry("", "v1", 18000, 1),
        ]);

        Assert.Equal(["", "b.example.com", "a.example.com", "metrics.k8s.io"], sorted.Select(g => g[0].Group));
    }

    [Theory]
    [InlineData(new[] { "v1:15", "v2:15", "v1beta1:15" }, new[] { "v2", "v1", "v1beta1" })]
    [InlineData(new[] { "v1:15", "v2beta1:30" }, new[] { "v2beta1", "v1" })]
    [InlineData(new[] { "v1alpha1:9", "v1beta1:9", "foo:9" }, new[] { "v1beta1", "v1alpha1", "foo" })]
    public void Versions_in_a_group_are_ordered_by_version_priority_then_kube_awareness(string[] versions, string[] expected)
    {
        var entries = versions.Select(v => v.Split(':')).Select(p => Entry("example.com", p[0], 1000, int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));

        var sorted = ApiServiceOrder.ByGroupAndVersion(entries);

        Assert.Equal(expected, Assert.Single(sorted).Select(e => e.Version));
    }

    private static ApiServiceEntry Entry(string group, string version, long groupPriority, long versionPriority) =>
        new(version + "." + group, group, version, groupPriority, versionPriority, null, "", false, true, "1");
}
