using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Authorization.Bootstrap;
using Orchestrator.ApiServer.Authorization.Node;
using static Orchestrator.ApiServer.Tests.Authorization.Node.NodeTestObjects;

namespace Orchestrator.ApiServer.Tests.Authorization.Node;

public sealed class NodeAuthorizerTests : IDisposable
{
    private const string Unrelated = "no relationship found between node 'a' and this object";

    private readonly NodeGraph _graph = new();
    private readonly NodeAuthorizer _authorizer;

    public NodeAuthorizerTests()
    {
        _graph.AddPod(Pod("team", "p1", "a", """ "serviceAccountName":"builder","volumes":[{"name":"s","secret":{"secretName":"mine"}},{"name":"c","configMap":{"name":"settings"}},{"name":"d","persistentVolumeClaim":{"claimName":"data"}}]"""));
        _graph.AddPod(Pod("team", "p2", "b", """ "serviceAccountName":"other","volumes":[{"name":"s","secret":{"secretName":"theirs"}}]"""));
        _graph.AddVolume(Volume("pv-data", "team", "data"));
        _authorizer = new NodeAuthorizer(_graph, [.. BootstrapSystemRoles.NodeRules()]);
    }

    public static TheoryData<string, string, string, string, string, string, AuthorizationDecision, string> Decisions => new()
    {
        // verb, group, resource, subresource, namespace, name, decision, reason (as system:node:a in system:nodes)
        { "get", "", "secrets", "", "team", "mine", AuthorizationDecision.Allow, "" },
        { "list", "", "secrets", "", "team", "mine", AuthorizationDecision.Allow, "" },
        { "watch", "", "secrets", "", "team", "mine", AuthorizationDecision.Allow, "" },
        { "get", "", "secrets", "", "team", "theirs", AuthorizationDecision.NoOpinion, Unrelated },
        { "list", "", "secrets", "", "team", "", AuthorizationDecision.NoOpinion, "No Object name found" },
        { "list", "", "secrets", "", "", "", AuthorizationDecision.NoOpinion, "can only read namespaced object of this type" },
        { "update", "", "secrets", "", "team", "mine", AuthorizationDecision.NoOpinion, "can only read resources of this type" },
        { "get", "", "configmaps", "", "team", "settings", AuthorizationDecision.Allow, "" },
        { "get", "", "configmaps", "", "team", "mine", AuthorizationDecision.NoOpinion, Unrelated },
        { "get", "", "persistentvolumeclaims", "", "team", "data", AuthorizationDecision.Allow, "" },
        { "list", "", "persistentvolumeclaims", "", "team", "data", AuthorizationDecision.NoOpinion, "can only get individual resources of this type" },
        { "patch", "", "persistentvolumeclaims", "status", "team", "data", AuthorizationDecision.Allow, "" },
        { "get", "", "persistentvolumeclaims", "status", "team", "data", AuthorizationDecision.NoOpinion, "can only get/update/patch this type" },
        { "get", "", "persistentvolumes", "", "", "pv-data", AuthorizationDecision.Allow, "" },
        { "get", "", "persistentvolumes", "", "", "pv-other", AuthorizationDecision.NoOpinion, Unrelated },
        { "create", "", "serviceaccounts", "token", "team", "builder", AuthorizationDecision.Allow, "" },
        { "create", "", "serviceaccounts", "token", "team", "other", AuthorizationDecision.NoOpinion, Unrelated },
        { "get", "", "serviceaccounts", "", "team", "builder", AuthorizationDecision.NoOpinion, "can only create tokens for individual service accounts" },
        { "create", "", "serviceaccounts", "", "team", "builder", AuthorizationDecision.NoOpinion, "can only create token subresource of serviceaccount" },
        { "get", "", "nodes", "", "", "a", AuthorizationDecision.Allow, "" },
        { "watch", "", "nodes", "", "", "a", AuthorizationDecision.Allow, "" },
        { "list", "", "nodes", "", "", "", AuthorizationDecision.NoOpinion, "node 'a' cannot read all nodes, only its own Node object" },
        { "get", "", "nodes", "", "", "b", AuthorizationDecision.NoOpinion, "node 'a' cannot read 'b', only its own Node object" },
        { "create", "", "nodes", "", "", "", AuthorizationDecision.Allow, "" },
        { "patch", "", "nodes", "status", "", "b", AuthorizationDecision.Allow, "" },
        { "delete", "", "nodes", "", "", "a", AuthorizationDecision.NoOpinion, "" },
        { "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "a", AuthorizationDecision.Allow, "" },
        { "create", "coordination.k8s.io", "leases", "", "kube-node-lease", "", AuthorizationDecision.Allow, "" },
        { "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "b", AuthorizationDecision.NoOpinion, "can only access node lease with the same name as the requesting node" },
        { "get", "coordination.k8s.io", "leases", "", "kube-system", "a", AuthorizationDecision.NoOpinion, "can only access leases in the \"kube-node-lease\" system namespace" },
        { "list", "coordination.k8s.io", "leases", "", "kube-node-lease", "", AuthorizationDecision.NoOpinion, "can only get, create, update, patch, or delete a node lease" },
        { "update", "storage.k8s.io", "csinodes", "", "", "b", AuthorizationDecision.NoOpinion, "can only access CSINode with the same name as the requesting node" },
        { "get", "storage.k8s.io", "csinodes", "", "", "a", AuthorizationDecision.Allow, "" },
        { "list", "", "pods", "", "", "", AuthorizationDecision.NoOpinion, "can only list/watch pods with spec.nodeName field selector" },
        { "get", "", "pods", "", "team", "p1", AuthorizationDecision.Allow, "" },
        { "get", "", "pods", "", "team", "p2", AuthorizationDecision.NoOpinion, Unrelated },
        { "watch", "", "pods", "", "team", "p1", AuthorizationDecision.Allow, "" },
        { "patch", "", "pods", "status", "team", "p2", AuthorizationDecision.Allow, "" },
        { "create", "", "pods", "eviction", "team", "p1", AuthorizationDecision.Allow, "" },
        { "delete", "", "pods", "", "team", "p1", AuthorizationDecision.Allow, "" },
        { "update", "", "pods", "", "team", "p1", AuthorizationDecision.NoOpinion, "" },
        { "get", "", "pods", "log", "team", "p1", AuthorizationDecision.NoOpinion, "" },
        // The static node rules decide the rest.
        { "create", "", "events", "", "team", "", AuthorizationDecision.Allow, "" },
        { "list", "", "services", "", "", "", AuthorizationDecision.Allow, "" },
        { "delete", "", "namespaces", "", "", "team", AuthorizationDecision.NoOpinion, "" },
        { "create", "rbac.authorization.k8s.io", "clusterrolebindings", "", "", "", AuthorizationDecision.NoOpinion, "" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_nodes_requests_are_decided_by_the_graph_its_own_objects_and_the_static_node_rules(
        string verb, string group, string resource, string subresource, string ns, string name, AuthorizationDecision decision, string reason)
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Of("system:node:a", UserInfo.NodesGroup, UserInfo.AllAuthenticated),
            Verb = verb,
            IsResourceRequest = true,
            ApiGroup = group,
            ApiVersion = "v1",
            Resource = resource,
            Subresource = subresource,
            Namespace = ns,
            Name = name,
        };

        Assert.Equal((decision, reason), _authorizer.Authorize(attributes));
    }

    [Theory]
    [InlineData("spec.nodeName=a", AuthorizationDecision.Allow, "")]
    [InlineData("spec.nodeName==a,status.phase=Running", AuthorizationDecision.Allow, "")]
    [InlineData("spec.nodeName=b", AuthorizationDecision.NoOpinion, "can only list/watch pods with spec.nodeName field selector")]
    [InlineData("spec.nodeName!=a", AuthorizationDecision.NoOpinion, "can only list/watch pods with spec.nodeName field selector")]
    [InlineData("", AuthorizationDecision.NoOpinion, "can only list/watch pods with spec.nodeName field selector")]
    public void A_node_lists_and_watches_only_the_pods_bound_to_it(string fieldSelector, AuthorizationDecision decision, string reason)
    {
        foreach (var verb in new[] { "list", "watch" })
        {
            var attributes = new AuthorizationAttributes
            {
                User = UserInfo.Of("system:node:a", UserInfo.NodesGroup, UserInfo.AllAuthenticated),
                Verb = verb,
                IsResourceRequest = true,
                ApiVersion = "v1",
                Resource = "pods",
                FieldSelector = fieldSelector,
            };

            Assert.Equal((decision, reason), _authorizer.Authorize(attributes));
        }
    }

    [Theory]
    [InlineData("system:node:a", new string[0], AuthorizationDecision.NoOpinion, "")]
    [InlineData("alice", new[] { UserInfo.NodesGroup }, AuthorizationDecision.NoOpinion, "")]
    [InlineData("system:node:", new[] { UserInfo.NodesGroup }, AuthorizationDecision.NoOpinion, "unknown node for user \"system:node:\"")]
    [InlineData("system:node:a", new[] { UserInfo.NodesGroup }, AuthorizationDecision.Allow, "")]
    public void Only_users_named_as_a_node_in_the_nodes_group_are_decided_here(string user, string[] groups, AuthorizationDecision decision, string reason)
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Of(user, groups),
            Verb = "get",
            IsResourceRequest = true,
            Resource = "secrets",
            Namespace = "team",
            Name = "mine",
        };

        Assert.Equal((decision, reason), _authorizer.Authorize(attributes));
    }

    [Fact]
    public void A_pod_bound_after_a_refusal_makes_its_secret_readable_and_its_deletion_takes_it_back()
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Of("system:node:a", UserInfo.NodesGroup),
            Verb = "get",
            IsResourceRequest = true,
            Resource = "secrets",
            Namespace = "team",
            Name = "late",
        };
        Assert.Equal(AuthorizationDecision.NoOpinion, _authorizer.Authorize(attributes).Decision);

        _graph.AddPod(Pod("team", "p3", "a", """ "containers":[{"name":"c","envFrom":[{"secretRef":{"name":"late"}}]}]"""));
        Assert.Equal(AuthorizationDecision.Allow, _authorizer.Authorize(attributes).Decision);

        _graph.DeletePod("team", "p3");
        Assert.Equal(AuthorizationDecision.NoOpinion, _authorizer.Authorize(attributes).Decision);
    }

    public void Dispose() => _graph.Dispose();
}
