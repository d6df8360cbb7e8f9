using System.Text.Json;
using Json.Schema;
using Orchestrator.Testing.HelmTemplate;

namespace Orchestrator.Orchestrator.Tests.Chart;

/// <summary>charts/orchestrator/values.schema.json (checked by helm install/upgrade/template/lint) against values.yaml and bad overrides.</summary>
public sealed class ValuesSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ChartLocation.Orchestrator, "values.schema.json")));

    private static EvaluationResults Evaluate(string overridesYaml)
    {
        var renderer = new ChartRenderer(ChartLocation.Orchestrator);
        var values = YamlValues.Merge(renderer.DefaultValues(), YamlValues.ParseMap(overridesYaml));
        return Schema.Evaluate(JsonSerializer.SerializeToElement(values), new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    [Theory]
    [InlineData("")]
    [InlineData("store: {etcd: {enabled: true}}\napiserver: {replicas: 3}")]
    [InlineData("store: {etcd: {endpoints: ['etcd-0.example:2379', 'etcd-1.example:2379']}}\napiserver: {replicas: 2}")]
    [InlineData("apiserver: {service: {type: NodePort, nodePort: 30443}}")]
    [InlineData("apiserver: {service: {type: LoadBalancer, annotations: {a: b}}}\npki: {existingSecret: my-pki}")]
    [InlineData("image: {tag: 1.2}\nscheduler: {enabled: false}\ncontrollerManager: {replicas: 1}")]
    public void AcceptsTheDefaultsAndGoodVariants(string overrides)
    {
        var result = Evaluate(overrides);
        Assert.True(result.IsValid, Errors(result));
    }

    [Theory]
    [InlineData("apiserver: {replicas: 0}", "replicas < 1")]
    [InlineData("scheduler: {replicas: '2'}", "replicas as a string")]
    [InlineData("controllerManager: {replicas: 1.5}", "fractional replicas")]
    [InlineData("unknown: 1", "an unknown top-level key")]
    [InlineData("apiserver: {replica: 2}", "a misspelt key")]
    [InlineData("apiserver: {service: {type: Ingress}}", "a Service type that does not exist")]
    [InlineData("apiserver: {port: 70000}", "a port out of range")]
    [InlineData("apiserver: {replicas: 2}", "several API servers on SQLite")]
    [InlineData("store: {etcd: {enabled: true, endpoints: ['a:2379']}}", "the chart's etcd and an external one")]
    [InlineData("store: {etcd: {enabled: true, replicas: 2}}", "an even etcd member count")]
    [InlineData("store: {etcd: {endpoints: ['http://a:2379']}}", "an endpoint with a scheme")]
    [InlineData("image: {pullPolicy: Sometimes}", "an unknown pull policy")]
    [InlineData("image: {repository: ''}", "an empty repository")]
    [InlineData("apiserver: {authorizationMode: 'RBAC,Webhook'}", "an authorizer the API server lacks")]
    [InlineData("metrics: {enabled: 'yes'}", "a string for a boolean")]
    [InlineData("apiserver: {hollowNodes: -1}", "negative hollow nodes")]
    public void RejectsBadValues(string overrides, string what)
    {
        Assert.False(Evaluate(overrides).IsValid, $"the schema accepted {what}: {overrides}");
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
