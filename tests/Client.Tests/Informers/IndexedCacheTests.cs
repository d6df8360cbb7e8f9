using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Client.Tests.Informers;

public sealed class IndexedCacheTests
{
    [Fact]
    public void Upsert_ReturnsTheReplacedObject_AndMovesItsIndexEntries()
    {
        var cache = new IndexedCache<V1Pod>();
        Assert.Null(cache.Upsert(Pod("ns", "p", node: null, "rs-1")));

        var old = cache.Upsert(Pod("ns", "p", node: "n1", "rs-2"));

        Assert.NotNull(old);
        Assert.Null(old.Spec.NodeName);
        Assert.Empty(cache.ByIndex(Indexes.NodeName, string.Empty));
        Assert.Empty(cache.ByIndex(Indexes.OwnerUid, "rs-1"));
        Assert.Equal("n1", Assert.Single(cache.ByIndex(Indexes.NodeName, "n1")).Spec.NodeName);
        Assert.Single(cache.ByIndex(Indexes.OwnerUid, "rs-2"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Remove_DropsTheObjectFromEveryIndex()
    {
        var cache = new IndexedCache<V1Pod>();
        cache.Upsert(Pod("ns", "a", "n1", "rs-1", "rs-2"));
        cache.Upsert(Pod("ns", "b", "n1", "rs-1"));

        var removed = cache.Remove(new NamespacedName("ns", "a"));

        Assert.Equal("a", removed?.Metadata.Name);
        Assert.Null(cache.Remove(new NamespacedName("ns", "a")));
        Assert.Null(cache.Get(new NamespacedName("ns", "a")));
        Assert.Equal(["b"], cache.ByIndex(Indexes.NodeName, "n1").Select(p => p.Metadata.Name));
        Assert.Equal(["b"], cache.ByIndex(Indexes.OwnerUid, "rs-1").Select(p => p.Metadata.Name));
        Assert.Empty(cache.ByIndex(Indexes.OwnerUid, "rs-2"));
        Assert.Equal(["b"], cache.ListNamespace("ns").Select(p => p.Metadata.Name));
    }

    [Fact]
    public void ClusterScopedObjects_AreUnderTheEmptyNamespace_AndNonPodsHaveNoNodeIndex()
    {
        var cache = new IndexedCache<V1Node>();
        cache.Upsert(new V1Node { Metadata = new V1ObjectMeta { Name = "node-1" } });

        Assert.NotNull(cache.Get(new NamespacedName(string.Empty, "node-1")));
        Assert.Single(cache.ListNamespace(string.Empty));
        Assert.Empty(cache.ByIndex(Indexes.NodeName, string.Empty));
    }

    [Fact]
    public void Reads_AreSnapshots_ThatLaterWritesDoNotChange()
    {
        var cache = new IndexedCache<V1Pod>();
        cache.Upsert(Pod("ns", "a", "n1"));
        var list = cache.List();
        var byNode = cache.ByIndex(Indexes.NodeName, "n1");

        cache.Upsert(Pod("ns", "b", "n1"));
        cache.Remove(new NamespacedName("ns", "a"));

        Assert.Equal(["a"], list.Select(p => p.Metadata.Name));
        Assert.Equal(["a"], byNode.Select(p => p.Metadata.Name));
    }

    [Theory]
    [InlineData("ns/name", "ns", "name")]
    [InlineData("node-1", "", "node-1")]
    [InlineData("ns/a/b", "ns", "a/b")]
    public void NamespacedName_ParsesWhatItPrints(string text, string ns, string name)
    {
        var key = NamespacedName.Parse(text);

        Assert.Equal(new NamespacedName(ns, name), key);
        Assert.Equal(text, key.ToString());
    }

    [Fact]
    public void ControlledBy_ListsOnlyTheObjectsWhoseControllerReferenceIsTheOwner()
    {
        var cache = new IndexedCache<V1Pod>();
        var owner = new V1ObjectMeta { Name = "rs", Uid = "rs-1" };
        var controlled = Pod("ns", "a", "n1");
        controlled.Metadata.OwnerReferences = [new V1OwnerReference { Uid = "rs-1", Name = "rs", Kind = "ReplicaSet", ApiVersion = "apps/v1", Controller = true }];
        cache.Upsert(controlled);
        cache.Upsert(Pod("ns", "b", "n1", "rs-1"));
        cache.Upsert(Pod("ns", "c", "n1", "rs-2"));

        Assert.Equal(["a"], cache.ControlledBy(owner).Select(p => p.Metadata.Name));
    }

    private static V1Pod Pod(string ns, string name, string? node, params string[] owners) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            OwnerReferences = [.. owners.Select(uid => new V1OwnerReference { Uid = uid, Name = uid, Kind = "ReplicaSet", ApiVersion = "apps/v1" })],
        },
        Spec = new V1PodSpec { NodeName = node },
    };
}
