using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Authorization.Rbac;

namespace Orchestrator.ApiServer.Tests.Authorization.Rbac;

public sealed class PolicyRuleTests
{
    [Theory]
    [InlineData("get,list", "", "pods", "", "list", "", "pods", "", "", true)]
    [InlineData("get,list", "", "pods", "", "create", "", "pods", "", "", false)]
    [InlineData("*", "", "pods", "", "deletecollection", "", "pods", "", "", true)]
    [InlineData("get", "apps", "deployments", "", "get", "", "deployments", "", "", false)]
    [InlineData("get", "*", "deployments", "", "get", "apps", "deployments", "", "", true)]
    [InlineData("get", "", "*", "", "get", "", "secrets", "", "", true)]
    [InlineData("get", "", "*", "", "get", "", "pods", "", "log", true)]
    [InlineData("get", "", "pods", "", "get", "", "pods", "", "log", false)]
    [InlineData("get", "", "pods/log", "", "get", "", "pods", "", "log", true)]
    [InlineData("get", "", "pods/log", "", "get", "", "pods", "", "", false)]
    [InlineData("get", "", "*/log", "", "get", "", "pods", "", "log", true)]
    [InlineData("get", "", "*/log", "", "get", "", "pods", "", "status", false)]
    [InlineData("get", "", "*/log", "", "get", "", "pods", "", "", false)]
    [InlineData("get", "", "configmaps", "a,b", "get", "", "configmaps", "b", "", true)]
    [InlineData("get", "", "configmaps", "a,b", "get", "", "configmaps", "c", "", false)]
    [InlineData("list", "", "configmaps", "a", "list", "", "configmaps", "", "", false)]
    [InlineData("update", "", "configmaps", "", "update", "", "configmaps", "any", "", true)]
    public void A_resource_rule_matches_as_upstreams_RuleAllows(
        string verbs, string groups, string resources, string names, string verb, string group, string resource, string name, string subresource, bool allowed)
    {
        var rule = new PolicyRule(List(verbs), List(groups, keepEmpty: true), List(resources), List(names), []);
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Of("u"),
            Verb = verb,
            IsResourceRequest = true,
            ApiGroup = group,
            Resource = resource,
            Name = name,
            Subresource = subresource,
        };

        Assert.Equal(allowed, rule.Allows(attributes));
    }

    [Theory]
    [InlineData("/healthz", "get", "/healthz", true)]
    [InlineData("/healthz", "get", "/healthz/etcd", false)]
    [InlineData("/healthz/*", "get", "/healthz/etcd", true)]
    [InlineData("/apis/*", "get", "/apis/apps/v1", true)]
    [InlineData("/apis/*", "get", "/api", false)]
    [InlineData("*", "get", "/anything", true)]
    [InlineData("/version", "post", "/version", false)]
    public void A_non_resource_rule_matches_exact_paths_and_trailing_star_prefixes(string url, string verb, string path, bool allowed)
    {
        var rule = PolicyRule.Urls(["get"], url);
        var attributes = new AuthorizationAttributes { User = UserInfo.Of("u"), Verb = verb, Path = path };

        Assert.Equal(allowed, rule.Allows(attributes));
    }

    [Fact]
    public void A_resource_rule_never_matches_a_non_resource_request_nor_the_reverse()
    {
        var resourceRule = PolicyRule.Resource(["*"], ["*"], "*");
        var urlRule = PolicyRule.Urls(["*"], "*");

        Assert.False(resourceRule.Allows(new AuthorizationAttributes { User = UserInfo.Of("u"), Verb = "get", Path = "/version" }));
        Assert.False(urlRule.Allows(new AuthorizationAttributes { User = UserInfo.Of("u"), Verb = "get", IsResourceRequest = true, Resource = "pods" }));
    }

    private static string[] List(string csv, bool keepEmpty = false) =>
        csv.Length == 0 ? (keepEmpty ? [""] : []) : csv.Split(',');
}
