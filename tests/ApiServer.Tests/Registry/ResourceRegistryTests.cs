using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Registry;

public sealed class ResourceRegistryTests
{
    [Theory]
    [InlineData("", "v1", "pods", "Pod", true)]
    [InlineData("", "v1", "namespaces", "Namespace", false)]
    [InlineData("apps", "v1", "deployments", "Deployment", true)]
    [InlineData("batch", "v1", "cronjobs", "CronJob", true)]
    [InlineData("events.k8s.io", "v1", "events", "Event", true)]
    [InlineData("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false)]
    public void Built_in_resources_are_found_by_url_and_by_kind(string group, string version, string plural, string kind, bool namespaced)
    {
        var byUrl = ResourceRegistry.BuiltIn.Find(group, version, plural);

        Assert.NotNull(byUrl);
        Assert.Equal(kind, byUrl.Kind);
        Assert.Equal(namespaced, byUrl.Namespaced);
        Assert.Same(byUrl, ResourceRegistry.BuiltIn.FindKind(group, version, kind));
    }

    [Fact]
    public void Every_model_type_declares_the_group_version_and_kind_it_is_registered_under()
    {
        foreach (var resource in ResourceRegistry.BuiltIn.All)
        {
            if (resource.Group == "metrics.k8s.io")
            {
                // The client's metrics models declare no kind constants: the kinds are metrics-server's names.
                Assert.Null(resource.ModelType.GetField("KubeKind"));
                Assert.Equal(resource.Kind + "List", resource.ListType.Name);
                continue;
            }

            Assert.Equal(resource.Kind, resource.ModelType.GetField("KubeKind")!.GetValue(null));
            Assert.Equal(resource.Group, resource.ModelType.GetField("KubeGroup")!.GetValue(null));
            if (!resource.Stored)
            {
                // Create-only reviews: models without a plural or a list, one model for every served version.
                continue;
            }

            Assert.Equal(resource.Version, resource.ModelType.GetField("KubeApiVersion")!.GetValue(null));
            if (resource.Stored)
            {
                // The create-only review models declare no plural and have no list.
                Assert.Equal(resource.Plural, resource.ModelType.GetField("KubePluralName")!.GetValue(null));
                Assert.Equal(resource.ListKind, resource.ListType.GetField("KubeKind")!.GetValue(null));
            }
        }
    }

    [Fact]
    public void Scale_subresources_speak_autoscaling_v1_and_eviction_policy_v1()
    {
        var deployments = ResourceRegistry.BuiltIn.Find("apps", "v1", "deployments")!;
        var pods = ResourceRegistry.BuiltIn.Find("", "v1", "pods")!;

        Assert.Contains(deployments.Subresources, s => s is { Name: "scale", Group: "autoscaling", Kind: "Scale" });
        Assert.Contains(pods.Subresources, s => s is { Name: "eviction", Group: "policy", Version: "v1", Kind: "Eviction" });
        Assert.Equal("deployments.apps", deployments.QualifiedResource);
        Assert.Equal("apps/v1", deployments.ApiVersion);
        Assert.Equal("v1", pods.ApiVersion);
    }

    [Fact]
    public void Custom_resources_come_and_go_without_touching_the_built_in_registry()
    {
        var served = ResourceRegistry.CreateServed();
        var changes = 0;
        served.Changed += () => changes++;
        var crontabs = Custom("stable.example.com", "v1", "crontabs", "CronTab");

        served.SetCustom("crontabs.stable.example.com", [crontabs, crontabs with { Version = "v1beta1" }]);

        Assert.Same(crontabs, served.Find("stable.example.com", "v1", "crontabs"));
        Assert.NotNull(served.FindKind("stable.example.com", "v1beta1", "CronTab"));
        Assert.Equal("stable.example.com", served.Groups[^1]);
        Assert.Null(ResourceRegistry.BuiltIn.Find("stable.example.com", "v1", "crontabs"));
        Assert.Same(ResourceRegistry.BuiltIn.Find("", "v1", "pods"), served.Find("", "v1", "pods"));

        served.SetCustom("crontabs.stable.example.com", []);

        Assert.Null(served.Find("stable.example.com", "v1", "crontabs"));
        Assert.DoesNotContain("stable.example.com", served.Groups);
        Assert.Equal(2, changes);
        Assert.Equal(2, served.Generation);
    }

    [Fact]
    public void Setting_the_same_resources_again_changes_nothing()
    {
        var served = ResourceRegistry.CreateServed();
        IReadOnlyList<ResourceDefinition> resources = [Custom("a.example.com", "v1", "things", "Thing")];
        served.SetCustom("things.a.example.com", resources);
        var generation = served.Generation;

        served.SetCustom("things.a.example.com", resources);

        Assert.Equal(generation, served.Generation);
    }

    private static ResourceDefinition Custom(string group, string version, string plural, string kind) => new()
    {
        Group = group,
        Version = version,
        Kind = kind,
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Namespaced = true,
        ModelType = typeof(ApiServer.CustomResources.CustomResourceObject),
        ListType = typeof(ApiServer.CustomResources.CustomResourceObject),
    };
}
