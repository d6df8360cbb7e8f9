using k8s.Models;
using Orchestrator.ApiServer.OpenApi.Schemas;
using Orchestrator.ApiServer.OpenApi.V3;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.OpenApi;

public sealed class SchemaNamingTests
{
    private static readonly SchemaNaming Naming = SchemaNaming.Build(OpenApiV3Documents.SchemaRoots(ResourceRegistry.BuiltIn));

    [Theory]
    [InlineData(typeof(V1Deployment), "io.k8s.api.apps.v1.Deployment")]
    [InlineData(typeof(V1DeploymentStrategy), "io.k8s.api.apps.v1.DeploymentStrategy")]
    [InlineData(typeof(V1PodSpec), "io.k8s.api.core.v1.PodSpec")]
    [InlineData(typeof(V1PodTemplateSpec), "io.k8s.api.core.v1.PodTemplateSpec")]
    [InlineData(typeof(V1PersistentVolumeClaim), "io.k8s.api.core.v1.PersistentVolumeClaim")]
    [InlineData(typeof(V1ObjectMeta), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")]
    [InlineData(typeof(V1LabelSelectorRequirement), "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement")]
    [InlineData(typeof(V1Condition), "io.k8s.apimachinery.pkg.apis.meta.v1.Condition")]
    [InlineData(typeof(V1JobTemplateSpec), "io.k8s.api.batch.v1.JobTemplateSpec")]
    [InlineData(typeof(V1PodFailurePolicy), "io.k8s.api.batch.v1.PodFailurePolicy")]
    [InlineData(typeof(V1ScaleSpec), "io.k8s.api.autoscaling.v1.ScaleSpec")]
    [InlineData(typeof(V1Eviction), "io.k8s.api.policy.v1.Eviction")]
    [InlineData(typeof(V1LeaseSpec), "io.k8s.api.coordination.v1.LeaseSpec")]
    [InlineData(typeof(V1EndpointHints), "io.k8s.api.discovery.v1.EndpointHints")]
    [InlineData(typeof(Discoveryv1EndpointPort), "io.k8s.api.discovery.v1.EndpointPort")]
    [InlineData(typeof(Corev1EndpointPort), "io.k8s.api.core.v1.EndpointPort")]
    [InlineData(typeof(Corev1Event), "io.k8s.api.core.v1.Event")]
    [InlineData(typeof(Eventsv1EventSeries), "io.k8s.api.events.v1.EventSeries")]
    [InlineData(typeof(V1EventSource), "io.k8s.api.core.v1.EventSource")]
    [InlineData(typeof(V1Overhead), "io.k8s.api.node.v1.Overhead")]
    [InlineData(typeof(V1Toleration), "io.k8s.api.core.v1.Toleration")]
    [InlineData(typeof(V1PriorityClass), "io.k8s.api.scheduling.v1.PriorityClass")]
    [InlineData(typeof(V1Status), "io.k8s.apimachinery.pkg.apis.meta.v1.Status")]
    public void Models_get_upstream_schema_names(Type model, string expected) => Assert.Equal(expected, Naming.NameOf(model));

    [Fact]
    public void Names_are_unique()
    {
        var names = Naming.Types.Select(Naming.NameOf).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void An_unreachable_type_has_no_name() =>
        Assert.Throws<InvalidOperationException>(() => Naming.NameOf(typeof(V1FlowSchema)));

    [Fact]
    public void Every_required_field_listed_is_a_field_of_a_served_model()
    {
        var reachable = Naming.Types.ToHashSet();
        foreach (var (model, fields) in RequiredFields.Table)
        {
            Assert.True(reachable.Contains(model), $"{model.Name} is listed but no served kind reaches it");
            var names = ModelTypes.PropertiesOf(model).Select(p => p.JsonName).ToHashSet(StringComparer.Ordinal);
            Assert.All(fields, field => Assert.True(names.Contains(field), $"{model.Name} has no field {field}"));
        }
    }

    [Fact]
    public void Subresource_kinds_resolve_to_one_model_each()
    {
        // Connect subresources (exec, log …) name query options, not schemas.
        foreach (var subresource in ResourceRegistry.BuiltIn.All.SelectMany(r => r.Subresources).Where(s => !s.Connect))
        {
            Assert.Equal(subresource.Kind, ModelTypes.KindOf(PathsBuilder.ModelOf(subresource))!.Value.Kind);
        }
    }
}
