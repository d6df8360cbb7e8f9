using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.DefaultIngressClass;
using Orchestrator.ApiServer.Admission.DefaultStorageClass;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Admission;

/// <summary>DefaultStorageClass and DefaultIngressClass: which new objects get the default class, and which class is the default.</summary>
public sealed class DefaultClassesTests
{
    public static TheoryData<string, string?> Claims => new()
    {
        { """{"spec":{}}""", "gold" },
        { """{"spec":{"storageClassName":""}}""", "" },
        { """{"spec":{"storageClassName":"slow"}}""", "slow" },
        { """{"metadata":{"annotations":{"volume.beta.kubernetes.io/storage-class":"legacy"}},"spec":{}}""", null },
    };

    [Theory]
    [MemberData(nameof(Claims))]
    public void A_claim_naming_no_class_gets_the_default_storage_class(string claim, string? expected)
    {
        var obj = Admit(new DefaultStorageClass(new OneDefault("storage.k8s.io", "storageclasses", "gold")), "", "persistentvolumeclaims", claim);

        Assert.Equal(expected, obj["spec"]?["storageClassName"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"spec":{}}""", "nginx")]
    [InlineData("""{"spec":{"ingressClassName":"traefik"}}""", "traefik")]
    [InlineData("""{"metadata":{"annotations":{"kubernetes.io/ingress.class":"haproxy"}},"spec":{}}""", null)]
    public void An_ingress_naming_no_class_gets_the_default_ingress_class(string ingress, string? expected)
    {
        var obj = Admit(new DefaultIngressClass(new OneDefault("networking.k8s.io", "ingressclasses", "nginx")), "networking.k8s.io", "ingresses", ingress);

        Assert.Equal(expected, obj["spec"]?["ingressClassName"]?.GetValue<string>());
    }

    [Fact]
    public void Without_a_default_class_objects_are_left_as_they_are_and_only_creates_are_admitted()
    {
        var plugin = new DefaultStorageClass(new OneDefault("storage.k8s.io", "storageclasses", null));

        Assert.Equal("""{"spec":{}}""", Admit(plugin, "", "persistentvolumeclaims", """{"spec":{}}""").Json());
        Assert.True(plugin.Handles(AdmissionOperation.Create));
        Assert.False(plugin.Handles(AdmissionOperation.Update));
    }

    [Theory]
    [InlineData("""[{"metadata":{"name":"a","creationTimestamp":"2025-01-01T00:00:00Z","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}},{"metadata":{"name":"b","creationTimestamp":"2025-02-01T00:00:00Z","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}]""", "b")]
    [InlineData("""[{"metadata":{"name":"z","creationTimestamp":"2025-01-01T00:00:00Z","annotations":{"storageclass.beta.kubernetes.io/is-default-class":"true"}}},{"metadata":{"name":"y","creationTimestamp":"2025-01-01T00:00:00Z","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}]""", "y")]
    [InlineData("""[{"metadata":{"name":"a","annotations":{"storageclass.kubernetes.io/is-default-class":"True"}}},{"metadata":{"name":"b"}}]""", null)]
    public void The_default_is_the_newest_class_marked_true_then_the_first_by_name(string classes, string? expected)
    {
        var list = JsonNode.Parse(classes)!.AsArray().Select(c => c!.AsObject());

        Assert.Equal(expected, DefaultClassLookup.Choose(list, DefaultStorageClass.DefaultAnnotation, DefaultStorageClass.BetaDefaultAnnotation));
    }

    private static JsonObject Admit(IAdmissionPlugin plugin, string group, string plural, string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var resource = ResourceRegistry.BuiltIn.All.First(r => r.Group == group && r.Plural == plural);
        plugin.Admit(new AdmissionAttributes(AdmissionOperation.Create, resource, null, "default", "x", obj, null, DryRun: false));
        return obj;
    }

    private sealed class OneDefault(string group, string plural, string? name) : IDefaultClassLookup
    {
        public string? Find(string askedGroup, string askedPlural, params string[] annotations) =>
            (askedGroup, askedPlural) == (group, plural) ? name : throw new InvalidOperationException($"asked for {askedPlural}.{askedGroup}");
    }
}
