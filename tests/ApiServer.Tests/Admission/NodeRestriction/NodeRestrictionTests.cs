using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Plugin = Orchestrator.ApiServer.Admission.NodeRestriction.NodeRestriction;

namespace Orchestrator.ApiServer.Tests.Admission.NodeRestriction;

public sealed class NodeRestrictionTests
{
    private static readonly ResourceRegistry Registry = ResourceRegistry.BuiltIn;
    private static readonly ResourceDefinition Pods = Registry.Find("", "v1", "pods")!;
    private static readonly ResourceDefinition Nodes = Registry.Find("", "v1", "nodes")!;
    private static readonly ResourceDefinition Claims = Registry.Find("", "v1", "persistentvolumeclaims")!;
    private static readonly ResourceDefinition ServiceAccounts = Registry.Find("", "v1", "serviceaccounts")!;
    private static readonly ResourceDefinition Leases = Registry.Find("coordination.k8s.io", "v1", "leases")!;

    private static readonly Dictionary<string, JsonObject> Stored = new()
    {
        ["pods/team/mine"] = Json("""{"metadata":{"name":"mine","namespace":"team","uid":"pod-uid-1"},"spec":{"nodeName":"a","serviceAccountName":"builder"}}"""),
        ["pods/team/theirs"] = Json("""{"metadata":{"name":"theirs","namespace":"team","uid":"pod-uid-2"},"spec":{"nodeName":"b","serviceAccountName":"builder"}}"""),
        ["nodes//a"] = Json("""{"metadata":{"name":"a","uid":"node-uid-a"}}"""),
    };

    public static TheoryData<string, string> Refusals => new()
    {
        // case, upstream's message
        { "create-pod-not-mirror", "pods \"p\" is forbidden: pod does not have \"kubernetes.io/config.mirror\" annotation, node \"a\" can only create mirror pods" },
        { "create-mirror-other-node", "pods \"p\" is forbidden: node \"a\" can only create pods with spec.nodeName set to itself" },
        { "create-mirror-no-owner", "pods \"p\" is forbidden: node \"a\" can only create pods with an owner reference set to itself" },
        { "create-mirror-not-controller", "pods \"p\" is forbidden: node \"a\" can only create pods with a controller owner reference set to itself" },
        { "create-mirror-wrong-uid", "pods \"p\" is forbidden: node a UID mismatch: expected other-uid got node-uid-a" },
        { "create-mirror-secret", "pods \"p\" is forbidden: node \"a\" can not create pods that reference secrets" },
        { "create-mirror-configmap", "pods \"p\" is forbidden: node \"a\" can not create pods that reference configmaps" },
        { "create-mirror-account", "pods \"p\" is forbidden: node \"a\" can not create pods that reference a service account" },
        { "create-mirror-claim", "pods \"p\" is forbidden: node \"a\" can not create pods that reference persistentvolumeclaims" },
        { "update-pod", "pods \"mine\" is forbidden: unexpected operation \"UPDATE\", node \"a\" can only create and delete mirror pods" },
        { "delete-other-pod", "pods \"theirs\" is forbidden: node \"a\" can only delete pods with spec.nodeName set to itself" },
        { "status-other-pod", "pods \"theirs\" is forbidden: node \"a\" can only update pod status for pods with spec.nodeName set to itself" },
        { "evict-other-pod", "pods \"theirs\" is forbidden: node a can only evict pods with spec.nodeName set to itself" },
        { "pod-binding", "pods \"mine\" is forbidden: unexpected pod subresource \"binding\", only 'status' and 'eviction' are allowed" },
        { "update-other-node-status", "nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"" },
        { "create-node-restricted-label", "nodes \"a\" is forbidden: node \"a\" is not allowed to set the following labels: node-restriction.kubernetes.io/x, node-role.kubernetes.io/worker" },
        { "update-node-restricted-label", "nodes \"a\" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/x" },
        { "update-node-taints", "nodes \"a\" is forbidden: node \"a\" is not allowed to modify taints" },
        { "delete-other-node", "nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"" },
        { "update-claim", "persistentvolumeclaims \"data\" is forbidden: may only update PVC status" },
        { "claim-status-phase", "persistentvolumeclaims \"data\" is forbidden: node \"a\" is not allowed to update fields other than status.capacity and status.conditions: status.phase" },
        { "claim-status-labels", "persistentvolumeclaims \"data\" is forbidden: node \"a\" is not allowed to update fields other than status.capacity and status.conditions: metadata.labels" },
        { "token-unbound", "serviceaccounts \"builder\" is forbidden: node requested token not bound to a pod" },
        { "token-without-uid", "serviceaccounts \"builder\" is forbidden: node requested token with a pod binding without a uid" },
        { "token-stale-uid", "serviceaccounts \"builder\" is forbidden: the UID in the bound object reference (old-uid) does not match the UID in record. The object might have been deleted and then recreated" },
        { "token-other-node", "serviceaccounts \"builder\" is forbidden: node requested token bound to a pod scheduled on a different node" },
        { "lease-other-namespace", "leases.coordination.k8s.io \"a\" is forbidden: can only access leases in the \"kube-node-lease\" system namespace" },
        { "lease-other-node", "leases.coordination.k8s.io \"b\" is forbidden: can only access node lease with the same name as the requesting node" },
    };

    public static TheoryData<string> Admitted => new()
    {
        "create-mirror", "delete-own-pod", "status-own-pod", "evict-own-pod", "create-own-node", "update-own-node-status",
        "update-own-node-allowed-label", "delete-own-node", "claim-status-capacity", "token-own-pod", "lease-own", "get-token-unrelated-op",
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_nodes_write_beyond_its_own_objects_is_forbidden_with_upstreams_message(string name, string message)
    {
        var error = Assert.Throws<ApiException>(() => Admit(Case(name), "system:node:a"));

        Assert.Equal(403, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [MemberData(nameof(Admitted))]
    public void A_nodes_writes_to_its_own_objects_pass(string name) => Admit(Case(name), "system:node:a");

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Users_that_are_not_nodes_pass_untouched(string name, string message)
    {
        Assert.NotEmpty(message);
        Admit(Case(name), "alice", UserInfo.NodesGroup);
    }

    [Fact]
    public void A_node_user_without_a_name_is_refused_everything()
    {
        var error = Assert.Throws<ApiException>(() => Admit(Case("lease-own"), "system:node:"));

        Assert.Equal("leases.coordination.k8s.io \"a\" is forbidden: could not determine node from user \"system:node:\"", error.Message);
    }

    [Fact]
    public void The_servers_own_writes_outside_a_request_pass() =>
        new Plugin(new Lookup(), Registry, new HttpContextAccessor()).Admit(Case("update-other-node-status"));

    [Fact]
    public void A_pod_a_node_deletes_or_evicts_that_does_not_exist_is_not_found()
    {
        var error = Assert.Throws<ApiException>(() => Admit(Attributes(AdmissionOperation.Create, Pods, "eviction", "team", "gone", Json("""{"metadata":{"name":"gone"}}""")), "system:node:a"));

        Assert.Equal(404, error.Code);
    }

    private static void Admit(AdmissionAttributes attributes, string user, string group = UserInfo.NodesGroup)
    {
        var context = new DefaultHttpContext();
        RequestUser.Set(context, UserInfo.Of(user, group, UserInfo.AllAuthenticated));
        new Plugin(new Lookup(), Registry, new HttpContextAccessor { HttpContext = context }).Admit(attributes);
    }

    private static AdmissionAttributes Case(string name) => name switch
    {
        "create-pod-not-mirror" => Create(Pods, "team", Json("""{"metadata":{"name":"p"},"spec":{"nodeName":"a"}}""")),
        "create-mirror-other-node" => Create(Pods, "team", MirrorPod(node: "b")),
        "create-mirror-no-owner" => Create(Pods, "team", MirrorPod(owner: null)),
        "create-mirror-not-controller" => Create(Pods, "team", MirrorPod(owner: """{"apiVersion":"v1","kind":"Node","name":"a","uid":"node-uid-a"}""")),
        "create-mirror-wrong-uid" => Create(Pods, "team", MirrorPod(owner: """{"apiVersion":"v1","kind":"Node","name":"a","uid":"other-uid","controller":true}""")),
        "create-mirror-secret" => Create(Pods, "team", MirrorPod(spec: """ "containers":[{"name":"c","envFrom":[{"secretRef":{"name":"s"}}]}]""")),
        "create-mirror-configmap" => Create(Pods, "team", MirrorPod(spec: """ "volumes":[{"name":"v","configMap":{"name":"c"}}]""")),
        "create-mirror-account" => Create(Pods, "team", MirrorPod(spec: """ "serviceAccountName":"default" """)),
        "create-mirror-claim" => Create(Pods, "team", MirrorPod(spec: """ "volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"data"}}]""")),
        "create-mirror" => Create(Pods, "team", MirrorPod()),
        "update-pod" => Update(Pods, null, "team", Stored["pods/team/mine"], Stored["pods/team/mine"]),
        "delete-other-pod" => Delete(Pods, "team", Stored["pods/team/theirs"]),
        "delete-own-pod" => Delete(Pods, "team", Stored["pods/team/mine"]),
        "status-other-pod" => Update(Pods, "status", "team", Stored["pods/team/theirs"], Stored["pods/team/theirs"]),
        "status-own-pod" => Update(Pods, "status", "team", Stored["pods/team/mine"], WithStatus(Stored["pods/team/mine"], """{"phase":"Running"}""")),
        "evict-other-pod" => Attributes(AdmissionOperation.Create, Pods, "eviction", "team", "theirs", Json("""{"metadata":{"name":"theirs"}}""")),
        "evict-own-pod" => Attributes(AdmissionOperation.Create, Pods, "eviction", "team", "mine", Json("""{"metadata":{"name":"mine"}}""")),
        "pod-binding" => Attributes(AdmissionOperation.Create, Pods, "binding", "team", "mine", Json("""{"target":{"name":"a"}}""")),
        "update-other-node-status" => Update(Nodes, "status", null, Node("b"), Node("b")),
        "update-own-node-status" => Update(Nodes, "status", null, Node("a"), Node("a")),
        "create-node-restricted-label" => Create(Nodes, null, Node("a", labels: """{"node-restriction.kubernetes.io/x":"1","node-role.kubernetes.io/worker":"","kubernetes.io/hostname":"a"}""")),
        "create-own-node" => Create(Nodes, null, Node("a", labels: """{"kubernetes.io/hostname":"a","kubernetes.io/os":"linux","example.com/rack":"r1"}""", taints: """[{"key":"k","effect":"NoSchedule"}]""")),
        "update-node-restricted-label" => Update(Nodes, null, null, Node("a"), Node("a", labels: """{"node-restriction.kubernetes.io/x":"1"}""")),
        "update-own-node-allowed-label" => Update(Nodes, null, null, Node("a"), Node("a", labels: """{"node.kubernetes.io/exclude-from-external-load-balancers":"true","team":"x"}""")),
        "update-node-taints" => Update(Nodes, null, null, Node("a", taints: """[{"key":"k","effect":"NoSchedule"}]"""), Node("a")),
        "delete-other-node" => Delete(Nodes, null, Node("b")),
        "delete-own-node" => Delete(Nodes, null, Node("a")),
        "update-claim" => Update(Claims, null, "team", Claim(), Claim()),
        "claim-status-phase" => Update(Claims, "status", "team", Claim(), WithStatus(Claim(), """{"phase":"Lost"}""")),
        "claim-status-labels" => Update(Claims, "status", "team", Claim(), Claim(labels: true)),
        "claim-status-capacity" => Update(Claims, "status", "team", Claim(), WithStatus(Claim(), """{"phase":"Bound","capacity":{"storage":"2Gi"},"conditions":[{"type":"Resizing","status":"True"}]}""")),
        "token-unbound" => Token("""{"spec":{"audiences":["x"]}}"""),
        "token-without-uid" => Token("""{"spec":{"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"mine"}}}"""),
        "token-stale-uid" => Token("""{"spec":{"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"mine","uid":"old-uid"}}}"""),
        "token-other-node" => Token("""{"spec":{"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"theirs","uid":"pod-uid-2"}}}"""),
        "token-own-pod" => Token("""{"spec":{"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"mine","uid":"pod-uid-1"}}}"""),
        "get-token-unrelated-op" => Attributes(AdmissionOperation.Update, ServiceAccounts, null, "team", "builder", Json("""{"metadata":{"name":"builder"}}""")),
        "lease-other-namespace" => Create(Leases, "kube-system", Json("""{"metadata":{"name":"a"}}""")),
        "lease-other-node" => Update(Leases, null, "kube-node-lease", Json("""{"metadata":{"name":"b"}}"""), Json("""{"metadata":{"name":"b"}}""")),
        "lease-own" => Create(Leases, "kube-node-lease", Json("""{"metadata":{"name":"a"}}""")),
        _ => throw new ArgumentException($"no case {name}", nameof(name)),
    };

    private static JsonObject MirrorPod(string node = "a", string? owner = """{"apiVersion":"v1","kind":"Node","name":"a","uid":"node-uid-a","controller":true}""", string spec = """ "containers":[{"name":"c"}]""")
    {
        var owners = owner is null ? "" : $",\"ownerReferences\":[{owner}]";
        return Json("{\"metadata\":{\"name\":\"p\",\"annotations\":{\"kubernetes.io/config.mirror\":\"h\"}" + owners + "},\"spec\":{\"nodeName\":\"" + node + "\"," + spec + "}}");
    }

    private static JsonObject Node(string name, string labels = "{}", string taints = "[]") =>
        Json("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + "},\"spec\":{\"taints\":" + taints + "}}");

    private static JsonObject Claim(bool labels = false) =>
        Json("{\"metadata\":{\"name\":\"data\",\"namespace\":\"team\",\"resourceVersion\":\"5\"" + (labels ? ",\"labels\":{\"x\":\"y\"}" : "") + "},\"spec\":{\"volumeName\":\"pv\"},\"status\":{\"phase\":\"Bound\"}}");

    private static JsonObject WithStatus(JsonObject obj, string status)
    {
        var copy = obj.DeepClone().AsObject();
        copy["status"] = Json(status);
        return copy;
    }

    private static AdmissionAttributes Token(string request) =>
        Attributes(AdmissionOperation.Create, ServiceAccounts, "token", "team", "builder", Json(request));

    private static AdmissionAttributes Create(ResourceDefinition resource, string? ns, JsonObject obj) =>
        Attributes(AdmissionOperation.Create, resource, null, ns, (string)obj["metadata"]!["name"]!, obj);

    private static AdmissionAttributes Update(ResourceDefinition resource, string? subresource, string? ns, JsonObject old, JsonObject updated) =>
        new(AdmissionOperation.Update, resource, subresource, ns, (string)old["metadata"]!["name"]!, updated.DeepClone().AsObject(), old, false);

    private static AdmissionAttributes Delete(ResourceDefinition resource, string? ns, JsonObject stored) =>
        new(AdmissionOperation.Delete, resource, null, ns, (string)stored["metadata"]!["name"]!, stored, stored, false);

    private static AdmissionAttributes Attributes(AdmissionOperation operation, ResourceDefinition resource, string? subresource, string? ns, string name, JsonObject obj) =>
        new(operation, resource, subresource, ns, name, obj, null, false);

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private sealed class Lookup : IObjectLookup
    {
        public JsonObject? Find(ResourceDefinition resource, string? ns, string name) =>
            Stored.GetValueOrDefault($"{resource.Plural}/{ns}/{name}");
    }
}
