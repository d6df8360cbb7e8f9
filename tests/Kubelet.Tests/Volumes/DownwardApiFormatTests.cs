using k8s.Models;
using Orchestrator.Kubelet.DownwardApi;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class DownwardApiFormatTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak\ttab\r", "\"line\\nbreak\\ttab\\r\"")]
    [InlineData("bell\a\b\f\v", "\"bell\\a\\b\\f\\v\"")]
    [InlineData("nul\0esc\u001b del\u007f", "\"nul\\x00esc\\x1b del\\x7f\"")]
    [InlineData("héllo ☃ 日本", "\"héllo ☃ 日本\"")]
    [InlineData("nbsp\u00a0zwsp\u200b", "\"nbsp\\u00a0zwsp\\u200b\"")]
    [InlineData("emoji 😀", "\"emoji 😀\"")]
    public void Quotes_values_like_go_percent_q(string value, string expected) => Assert.Equal(expected, GoQuote.Quote(value));

    [Fact]
    public void Labels_file_is_sorted_key_equals_quoted_value_lines_without_final_newline()
    {
        var labels = new Dictionary<string, string> { ["zone"] = "eu", ["app"] = "web", ["Zeta"] = "Z", ["app.kubernetes.io/name"] = "x \"y\"" };
        Assert.Equal("Zeta=\"Z\"\napp=\"web\"\napp.kubernetes.io/name=\"x \\\"y\\\"\"\nzone=\"eu\"", FieldPath.FormatMap(labels));
        Assert.Equal(string.Empty, FieldPath.FormatMap(null));
    }

    [Theory]
    [InlineData("metadata.name", "p")]
    [InlineData("metadata.namespace", "ns")]
    [InlineData("metadata.uid", "u-1")]
    [InlineData("metadata.labels", "a=\"1\"\nb=\"2\"")]
    [InlineData("metadata.annotations", "k8s.io/x=\"y\"")]
    [InlineData("metadata.labels['b']", "2")]
    [InlineData("metadata.annotations['k8s.io/x']", "y")]
    [InlineData("metadata.annotations['K8S.io/x']", "")]
    public void Extracts_pod_metadata(string path, string expected) => Assert.Equal(expected, FieldPath.Extract(Pod(), path));

    [Theory]
    [InlineData("spec.nodeName", "unsupported fieldPath: spec.nodeName")]
    [InlineData("metadata.name['x']", "fieldPath \"metadata.name['x']\" does not support subscript")]
    [InlineData("metadata.labels['-bad-']", "invalid key subscript in metadata.labels['-bad-']")]
    public void Rejects_unsupported_paths(string path, string message) =>
        Assert.StartsWith(message, Assert.Throws<DownwardApiException>(() => FieldPath.Extract(Pod(), path)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("limits.cpu", null, "c1", "2")] // 1500m rounds up
    [InlineData("limits.cpu", "1m", "c1", "1500")]
    [InlineData("limits.cpu", "100m", "c1", "15")]
    [InlineData("requests.cpu", "1m", "c1", "1")] // 0.5m is 1m in Go's MilliValue
    [InlineData("limits.memory", "1Mi", "c1", "100")]
    [InlineData("limits.memory", "1Gi", "c1", "1")]
    [InlineData("limits.memory", "1k", "c1", "104858")]
    [InlineData("requests.memory", null, "c1", "0")]
    [InlineData("limits.cpu", null, "c2", "8")] // no limit: node allocatable
    [InlineData("limits.memory", "1Gi", "c2", "16")]
    [InlineData("limits.ephemeral-storage", "1Gi", "init", "50")]
    [InlineData("requests.ephemeral-storage", "1Mi", "init", "3")]
    public void Resource_values_divide_and_round_up(string resource, string? divisor, string container, string expected)
    {
        var selector = new V1ResourceFieldSelector { Resource = resource, ContainerName = container, Divisor = divisor is null ? null : new ResourceQuantity(divisor) };
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("8"), ["memory"] = new("16Gi"), ["ephemeral-storage"] = new("50Gi") };
        Assert.Equal(expected, ResourceFieldValue.Extract(selector, Pod(), null, allocatable));
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "p",
            NamespaceProperty = "ns",
            Uid = "u-1",
            Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
            Annotations = new Dictionary<string, string> { ["k8s.io/x"] = "y" },
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "c1",
                    Resources = new V1ResourceRequirements
                    {
                        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1500m"), ["memory"] = new("100Mi") },
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("0.0005") },
                    },
                },
                new V1Container { Name = "c2" },
            ],
            InitContainers =
            [
                new V1Container
                {
                    Name = "init",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["ephemeral-storage"] = new("2.5Mi") } },
                },
            ],
        },
    };
}
