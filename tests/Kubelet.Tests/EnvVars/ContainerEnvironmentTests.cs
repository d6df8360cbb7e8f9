using System.Text;
using k8s.Models;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.EnvVars;
using Orchestrator.Kubelet.Tests.Volumes;

namespace Orchestrator.Kubelet.Tests.EnvVars;

public sealed class ContainerEnvironmentTests
{
    private const string Ns = "team";

    private static readonly FakeVolumeSources Sources = new FakeVolumeSources()
        .ConfigMap(Ns, "cfg", new() { ["HOST"] = "db", ["PORT"] = "5432", ["1bad"] = "x", ["dotted.key"] = "ok" })
        .ConfigMap(Ns, "empty")
        .Secret(Ns, "creds", new() { ["PASSWORD"] = Encoding.UTF8.GetBytes("s3cret"), ["USER"] = Encoding.UTF8.GetBytes("root") });

    public static TheoryData<string, V1EnvVar[], string> Cases => new()
    {
        { "plain value", [Var("A", "1")], "A=1" },
        { "empty value", [Var("A", "")], "A=" },
        { "expands earlier vars", [Var("A", "x"), Var("B", "$(A)-$(A)")], "A=x;B=x-x" },
        { "later vars are not visible", [Var("B", "$(A)"), Var("A", "x")], "B=$(A);A=x" },
        { "escape", [Var("A", "x"), Var("B", "$$(A)")], "A=x;B=$(A)" },
        { "redefinition keeps position", [Var("A", "1"), Var("B", "2"), Var("A", "3")], "A=3;B=2" },
        { "self reference sees old value", [Var("A", "1"), Var("A", "$(A)2")], "A=12" },
        { "metadata.name", [Field("N", "metadata.name")], "N=web-0" },
        { "metadata.namespace", [Field("N", "metadata.namespace")], "N=team" },
        { "metadata.uid", [Field("N", "metadata.uid")], "N=uid-1" },
        { "one label", [Field("N", "metadata.labels['app']")], "N=web" },
        { "missing label", [Field("N", "metadata.labels['nope']")], "N=" },
        { "one annotation", [Field("N", "metadata.annotations['note']")], "N=a \"quoted\" one" },
        { "all labels", [Field("N", "metadata.labels")], "N=app=\"web\"\ntier=\"front\"" },
        { "spec.nodeName", [Field("N", "spec.nodeName")], "N=node-1" },
        { "spec.serviceAccountName", [Field("N", "spec.serviceAccountName")], "N=builder" },
        { "status.podIP", [Field("N", "status.podIP")], "N=10.244.0.5" },
        { "status.podIPs", [Field("N", "status.podIPs")], "N=10.244.0.5" },
        { "status.hostIP", [Field("N", "status.hostIP")], "N=192.168.1.10" },
        { "status.hostIPs", [Field("N", "status.hostIPs")], "N=192.168.1.10" },
        { "limits.cpu rounds up", [Resource("N", "limits.cpu", null)], "N=1" },
        { "limits.cpu in millicores", [Resource("N", "limits.cpu", "1m")], "N=500" },
        { "limits.memory", [Resource("N", "limits.memory", null)], "N=134217728" },
        { "limits.memory in Mi", [Resource("N", "limits.memory", "1Mi")], "N=128" },
        { "requests.memory in Mi", [Resource("N", "requests.memory", "1Mi")], "N=64" },
        { "requests.cpu in millicores", [Resource("N", "requests.cpu", "1m")], "N=250" },
        { "missing limit is node allocatable", [Resource("N", "limits.ephemeral-storage", "1Gi")], "N=100" },
        { "missing request is zero", [Resource("N", "requests.ephemeral-storage", null)], "N=0" },
        { "configMapKeyRef", [ConfigKey("N", "cfg", "HOST", false)], "N=db" },
        { "configMapKeyRef key with dots", [ConfigKey("N", "cfg", "dotted.key", false)], "N=ok" },
        { "optional configMap missing", [ConfigKey("N", "nope", "HOST", true), Var("B", "$(N)")], "B=$(N)" },
        { "optional key missing", [ConfigKey("N", "cfg", "NOPE", true)], "" },
        { "secretKeyRef", [SecretKey("N", "creds", "PASSWORD", false)], "N=s3cret" },
        { "secretKeyRef of another key", [SecretKey("N", "creds", "USER", false)], "N=root" },
        { "optional secret missing", [SecretKey("N", "nope", "PASSWORD", true)], "" },
        { "valueFrom can be expanded into later vars", [SecretKey("P", "creds", "PASSWORD", false), Var("URL", "pg://$(P)@db")], "P=s3cret;URL=pg://s3cret@db" },
    };

    public static TheoryData<string, V1EnvVar[], string> Errors => new()
    {
        { "missing configMap", [ConfigKey("N", "nope", "HOST", false)], "configmap \"nope\" not found" },
        { "missing configMap key", [ConfigKey("N", "cfg", "NOPE", false)], "couldn't find key NOPE in ConfigMap team/cfg" },
        { "missing secret", [SecretKey("N", "nope", "X", false)], "secret \"nope\" not found" },
        { "missing secret key", [SecretKey("N", "creds", "X", false)], "couldn't find key X in Secret team/creds" },
        { "unsupported field", [Field("N", "spec.hostname")], "field label not supported: spec.hostname" },
        { "unsupported resource", [Resource("N", "limits.gpu", null)], "unsupported container resource : limits.gpu" },
        { "unknown container", [new V1EnvVar { Name = "N", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.cpu", ContainerName = "other" } } }], "container other not found" },
        { "bad subscript", [Field("N", "metadata.labels['a b']")], "invalid key subscript in metadata.labels['a b']" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolves_env_like_upstream(string name, V1EnvVar[] env, string expected)
    {
        var result = Build(new V1Container { Name = "app", Env = env, Resources = Resources() });
        Assert.True(expected == Format(result), $"{name}: expected [{expected}] got [{Format(result)}]");
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Fails_with_upstream_messages(string name, V1EnvVar[] env, string message)
    {
        var e = Assert.Throws<ContainerConfigException>(() => Build(new V1Container { Name = "app", Env = env, Resources = Resources() }));
        Assert.True(e.Message.StartsWith(message, StringComparison.Ordinal), $"{name}: {e.Message}");
    }

    [Fact]
    public void EnvFrom_adds_prefixed_keys_skips_invalid_names_with_an_event_and_env_overrides()
    {
        var events = Substitute.For<IEventRecorder>();
        var container = new V1Container
        {
            Name = "app",
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "cfg" } }, new V1EnvFromSource { Prefix = "S_", SecretRef = new V1SecretEnvSource { Name = "creds" } }],
            Env = [Var("PORT", "$(PORT)0"), Var("URL", "$(HOST):$(PORT)")],
        };

        var result = Build(container, events);

        Assert.Equal("HOST=db;PORT=54320;dotted.key=ok;S_PASSWORD=s3cret;S_USER=root;URL=db:54320", Format(result));
        events.Received(1).Record(
            Arg.Any<V1Pod>(), "Warning", "InvalidEnvironmentVariableNames",
            "Keys [1bad] from the EnvFrom configMap team/cfg were skipped since they are considered invalid environment variable names.");
    }

    [Theory]
    [InlineData("configMap", false, "configmap \"nope\" not found")]
    [InlineData("secret", false, "secret \"nope\" not found")]
    [InlineData("configMap", true, null)]
    [InlineData("secret", true, null)]
    public void EnvFrom_missing_source(string kind, bool optional, string? error)
    {
        var from = kind == "configMap"
            ? new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "nope", Optional = optional } }
            : new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "nope", Optional = optional } };
        var container = new V1Container { Name = "app", EnvFrom = [from, new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "empty" } }], Env = [Var("A", "1")] };
        if (error is null)
        {
            Assert.Equal("A=1", Format(Build(container)));
        }
        else
        {
            Assert.Equal(error, Assert.Throws<ContainerConfigException>(() => Build(container)).Message);
        }
    }

    [Fact]
    public void Service_variables_expand_and_come_last_unless_defined()
    {
        var service = new Dictionary<string, string> { ["DB_SERVICE_HOST"] = "10.96.0.9", ["A"] = "service" };
        var result = ContainerEnvironment.Build(Pod(), new V1Container { Name = "app", Env = [Var("A", "mine"), Var("B", "$(DB_SERVICE_HOST)")] }, "10.244.0.5", "192.168.1.10", Sources, service);
        Assert.Equal("A=mine;B=10.96.0.9;DB_SERVICE_HOST=10.96.0.9", Format(result));
    }

    [Fact]
    public void Converts_to_cri_key_values_in_order() =>
        Assert.Equal(
            [new KeyValue { Key = "B", Value = "2" }, new KeyValue { Key = "A", Value = "1" }],
            ContainerEnvironment.ToCri([new("B", "2"), new("A", "1")]));

    private static IReadOnlyList<KeyValuePair<string, string>> Build(V1Container container, IEventRecorder? events = null)
    {
        var pod = Pod();
        pod.Spec.Containers = [container];
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi"), ["ephemeral-storage"] = new("100Gi") };
        return ContainerEnvironment.Build(pod, container, "10.244.0.5", "192.168.1.10", Sources, nodeAllocatable: allocatable, events: events);
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web-0",
            NamespaceProperty = Ns,
            Uid = "uid-1",
            Labels = new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" },
            Annotations = new Dictionary<string, string> { ["note"] = "a \"quoted\" one" },
        },
        Spec = new V1PodSpec { NodeName = "node-1", ServiceAccountName = "builder", Containers = [] },
    };

    private static V1ResourceRequirements Resources() => new()
    {
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("128Mi") },
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("64Mi") },
    };

    private static string Format(IReadOnlyList<KeyValuePair<string, string>> env) => string.Join(';', env.Select(p => p.Key + "=" + p.Value));

    private static V1EnvVar Var(string name, string value) => new() { Name = name, Value = value };

    private static V1EnvVar Field(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };

    private static V1EnvVar Resource(string name, string resource, string? divisor) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = resource, Divisor = divisor is null ? null : new ResourceQuantity(divisor) } },
    };

    private static V1EnvVar ConfigKey(string name, string configMap, string key, bool optional) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = key, Name = configMap, Optional = optional } } };

    private static V1EnvVar SecretKey(string name, string secret, string key, bool optional) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = key, Name = secret, Optional = optional } } };
}
