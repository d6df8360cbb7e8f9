using Orchestrator.Client;
using Orchestrator.ControllerManager.Controllers.GarbageCollector;
using Orchestrator.ControllerManager.Kinds;

namespace Orchestrator.ControllerManager.Tests.Controllers.GarbageCollector;

public sealed class GarbageCollectorKeysTests
{
    [Theory]
    [InlineData("apps/v1", "ReplicaSet", "ns", "web", "ns", "replicasets.apps/web")]
    [InlineData("v1", "Pod", "ns", "web-1", "ns", "pods./web-1")]
    [InlineData("v1", "Node", "ignored", "node-a", "", "nodes./node-a")]
    public void Keys_name_the_kind_and_round_trip(string apiVersion, string kind, string ns, string name, string expectedNs, string expectedName)
    {
        var operations = KindCatalog.Find(apiVersion, kind)!;

        var key = GarbageCollectorKeys.For(operations, ns, name);

        Assert.Equal(new NamespacedName(expectedNs, expectedName), key);
        Assert.Equal((operations.GroupResource, expectedNs, name), GarbageCollectorKeys.Parse(key));
    }
}
