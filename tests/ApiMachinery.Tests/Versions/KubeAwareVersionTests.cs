using Orchestrator.ApiMachinery.Versions;

namespace Orchestrator.ApiMachinery.Tests.Versions;

/// <summary>apimachinery's CompareKubeAwareVersionStrings, on the order its documentation gives.</summary>
public sealed class KubeAwareVersionTests
{
    [Fact]
    public void Sorting_by_priority_gives_upstreams_documented_order()
    {
        string[] expected = ["v10", "v2", "v1", "v11beta2", "v10beta3", "v3beta1", "v12alpha1", "v11alpha2", "foo1", "foo10"];
        var shuffled = expected.Reverse().ToList();
        shuffled.Sort(KubeAwareVersion.HighestFirst);
        Assert.Equal(expected, shuffled);
    }

    [Theory]
    [InlineData("v1", "v1", 0)]
    [InlineData("v1", "v1beta1", 1)]
    [InlineData("v1beta1", "v1alpha9", 1)]
    [InlineData("v2beta1", "v1beta2", 1)]
    [InlineData("v1beta2", "v1beta10", -1)]
    [InlineData("v1", "foo", 1)]
    [InlineData("v1beta", "v1alpha1", -1)]
    [InlineData("abc", "abd", 1)]
    public void Compare_ranks_kube_like_versions_first(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(KubeAwareVersion.Compare(a, b)));
        Assert.Equal(-sign, Math.Sign(KubeAwareVersion.Compare(b, a)));
    }
}
