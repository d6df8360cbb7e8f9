using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.ServiceAccount;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Admission.ServiceAccount;

public sealed class ServiceAccountAdmissionTests
{
    private static readonly ResourceDefinition Pods = ResourceRegistry.BuiltIn.Find("", "v1", "pods")!;

    [Fact]
    public void A_pod_without_an_account_runs_as_default_and_every_container_mounts_the_token_volume()
    {
        var pod = Pod("""{"containers":[{"name":"a"},{"name":"b"}],"initContainers":[{"name":"i"}]}""");

        Admit(pod, Accounts("default"));

        var spec = pod["spec"]!;
        Assert.Equal("default", (string?)spec["serviceAccountName"]);
        var volume = Assert.Single(spec["volumes"]!.AsArray())!;
        var name = (string)volume["name"]!;
        Assert.Matches("^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$", name);
        var sources = volume["projected"]!["sources"]!.AsArray();
        Assert.Equal(3607, (long)sources[0]!["serviceAccountToken"]!["expirationSeconds"]!);
        Assert.Equal("kube-root-ca.crt", (string?)sources[1]!["configMap"]!["name"]);
        Assert.Equal("metadata.namespace", (string?)sources[2]!["downwardAPI"]!["items"]![0]!["fieldRef"]!["fieldPath"]);
        foreach (var container in spec["containers"]!.AsArray().Concat(spec["initContainers"]!.AsArray()))
        {
            var mount = Assert.Single(container!["volumeMounts"]!.AsArray())!;
            Assert.Equal(name, (string?)mount["name"]);
            Assert.Equal(ServiceAccountAdmission.MountPath, (string?)mount["mountPath"]);
            Assert.True((bool)mount["readOnly"]!);
        }
    }

    [Fact]
    public void A_missing_account_is_forbidden_with_upstreams_message()
    {
        var pod = Pod("""{"serviceAccountName":"builder","containers":[{"name":"a"}]}""");

        var error = Assert.Throws<ApiException>(() => Admit(pod, Accounts("default")));

        Assert.Equal(403, error.Code);
        Assert.Equal("pods \"p\" is forbidden: error looking up service account team/builder: serviceaccount \"builder\" not found", error.Message);
    }

    [Theory]
    [InlineData("false", null, false)]
    [InlineData(null, "false", false)]
    [InlineData("true", "false", true)]
    [InlineData(null, null, true)]
    public void The_pods_automount_setting_wins_over_the_accounts(string? onPod, string? onAccount, bool mounted)
    {
        var pod = Pod("""{"containers":[{"name":"a"}]}""");
        if (onPod is not null)
        {
            pod["spec"]!["automountServiceAccountToken"] = bool.Parse(onPod);
        }

        var account = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } };
        if (onAccount is not null)
        {
            account["automountServiceAccountToken"] = bool.Parse(onAccount);
        }

        Admit(pod, new Lookup(new() { ["default"] = account }));

        Assert.Equal(mounted, pod["spec"]!["volumes"] is JsonArray { Count: 1 });
    }

    [Fact]
    public void A_container_with_its_own_mount_at_the_path_keeps_it_and_pull_secrets_come_from_the_account()
    {
        var pod = Pod("""{"containers":[{"name":"a","volumeMounts":[{"name":"mine","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}]}],"volumes":[{"name":"mine","emptyDir":{}}]}""");
        var account = JsonNode.Parse("""{"metadata":{"name":"default"},"imagePullSecrets":[{"name":"registry"}]}""")!.AsObject();

        Admit(pod, new Lookup(new() { ["default"] = account }));

        Assert.Equal("mine", (string?)Assert.Single(pod["spec"]!["volumes"]!.AsArray())!["name"]);
        Assert.Equal("registry", (string?)pod["spec"]!["imagePullSecrets"]![0]!["name"]);
    }

    [Fact]
    public void Mirror_pods_are_left_alone()
    {
        var pod = Pod("""{"containers":[{"name":"a"}]}""");
        pod["metadata"]!["annotations"] = new JsonObject { ["kubernetes.io/config.mirror"] = "hash" };

        Admit(pod, Accounts());

        Assert.Null(pod["spec"]!["serviceAccountName"]);
        Assert.Null(pod["spec"]!["volumes"]);
    }

    private static JsonObject Pod(string spec) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "team" },
        ["spec"] = JsonNode.Parse(spec),
    };

    private static void Admit(JsonObject pod, IObjectLookup lookup) =>
        new ServiceAccountAdmission(lookup, ResourceRegistry.BuiltIn).Admit(new AdmissionAttributes(AdmissionOperation.Create, Pods, null, "team", "p", pod, null, false));

    private static Lookup Accounts(params string[] names) =>
        new(names.ToDictionary(n => n, n => new JsonObject { ["metadata"] = new JsonObject { ["name"] = n } }));

    private sealed class Lookup(Dictionary<string, JsonObject> accounts) : IObjectLookup
    {
        public JsonObject? Find(ResourceDefinition resource, string? ns, string name) =>
            resource.Plural == "serviceaccounts" && ns == "team" && accounts.TryGetValue(name, out var account) ? account : null;
    }
}
