using Orchestrator.ApiServer.Metrics.Prometheus;

namespace Orchestrator.ApiServer.Tests.Metrics.Prometheus;

public sealed class StoreKeysTests
{
    [Theory]
    [InlineData("/registry/pods/default/p", "pods")]
    [InlineData("/registry/pods/", "pods")]
    [InlineData("/registry/nodes/n1", "nodes")]
    [InlineData("/registry/apps/deployments/default/d", "deployments.apps")]
    [InlineData("/registry/apps/deployments/", "deployments.apps")]
    [InlineData("/registry/example.com/widgets/default/w", "widgets.example.com")]
    [InlineData("/registry/", "other")]
    [InlineData("/elsewhere/x", "other")]
    public void TypeOf_NamesTheResourceAsUpstreamsStorageMetricsDo(string key, string type)
    {
        Assert.Equal(type, StoreKeys.TypeOf(key));
    }

    [Theory]
    [InlineData("/registry/pods/default/a", "/registry/pods/other/b")]
    [InlineData("/registry/apps/deployments/default/a", "/registry/apps/deployments/kube-system/b")]
    public void TypeOf_GivesKeysOfOneResourceTheSameString_AllocatingItOnce(string first, string second)
    {
        Assert.Same(StoreKeys.TypeOf(first), StoreKeys.TypeOf(second));
    }
}
