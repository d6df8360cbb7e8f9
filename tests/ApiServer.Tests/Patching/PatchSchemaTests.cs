using k8s.Models;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

public sealed class PatchSchemaTests
{
    [Theory]
    [InlineData(typeof(V1Deployment), "spec.template.spec.containers", "V1Container", "merge", "name")]
    [InlineData(typeof(V1Deployment), "spec.template.spec.containers.ports", "V1ContainerPort", "merge", "containerPort")]
    [InlineData(typeof(V1Deployment), "spec.template.spec.volumes", "V1Volume", "merge,retainKeys", "name")]
    [InlineData(typeof(V1Deployment), "spec.strategy", "V1DeploymentStrategy", "retainKeys", null)]
    [InlineData(typeof(V1Pod), "metadata.finalizers", "unknown", "merge", null)]
    [InlineData(typeof(V1Pod), "metadata.ownerReferences", "V1OwnerReference", "merge", "uid")]
    [InlineData(typeof(V1Pod), "spec.tolerations", "V1Toleration", null, null)]
    [InlineData(typeof(V1Pod), "metadata.labels", "map", null, null)]
    [InlineData(typeof(V1Pod), "metadata.labels.app", "unknown", null, null)]
    [InlineData(typeof(V1Pod), "spec.overhead.cpu", "unknown", null, null)]
    [InlineData(typeof(V1Pod), "spec.notAField", "unknown", null, null)]
    [InlineData(typeof(V1Pod), "spec.notAField.deeper", "unknown", null, null)]
    [InlineData(typeof(V1CronJob), "spec.jobTemplate.spec.template.spec.initContainers", "V1Container", "merge", "name")]
    [InlineData(typeof(V1Service), "spec.ports", "V1ServicePort", "merge", "port")]
    [InlineData(typeof(V1JSONSchemaProps), "properties.a.properties.b", "V1JSONSchemaProps", null, null)]
    public void Fields_are_found_by_walking_the_model(Type model, string path, string schemaName, string? tag, string? mergeKey)
    {
        var schema = PatchSchema.For(model);
        PatchStrategy? strategy = null;
        foreach (var field in path.Split('.'))
        {
            (schema, strategy) = schema.Field(field);
        }

        Assert.Equal(schemaName, schema.Name);
        Assert.Equal(tag, strategy?.Tag);
        Assert.Equal(mergeKey, strategy?.MergeKey);
    }

    [Theory]
    [InlineData(typeof(V1Pod), "$odd", true)]
    [InlineData(typeof(V1JSONSchemaProps), "$ref", false)]
    [InlineData(typeof(V1JSONSchemaProps), "$schema", false)]
    [InlineData(typeof(V1JSONSchemaProps), "$odd", true)]
    [InlineData(typeof(string), "$odd", false)]
    [InlineData(typeof(IDictionary<string, string>), "$odd", false)]
    public void Only_known_models_refuse_unknown_dollar_keys(Type type, string key, bool refuses)
    {
        Assert.Equal(refuses, PatchSchema.For(type).RefusesKey(key));
    }
}
