using Microsoft.AspNetCore.Http;
using NSubstitute;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authentication.Impersonation;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Tests.Authentication.Impersonation;

public sealed class ImpersonationMiddlewareTests
{
    [Fact]
    public void An_allowed_impersonation_replaces_the_user_and_removes_the_headers()
    {
        var authorizer = Substitute.For<IAuthorizer>();
        authorizer.Authorize(Arg.Any<AuthorizationAttributes>()).Returns((AuthorizationDecision.Allow, ""));
        var context = Request("Impersonate-User: jane|Impersonate-Group: dev");

        ImpersonationMiddleware.Impersonate(context, authorizer);

        Assert.Equal("jane", RequestUser.Get(context).Name);
        Assert.Equal(["dev", "system:authenticated"], RequestUser.Get(context).Groups);
        Assert.False(context.Request.Headers.ContainsKey("Impersonate-User"));
        Assert.False(context.Request.Headers.ContainsKey("Impersonate-Group"));
        authorizer.Received(1).Authorize(Arg.Is<AuthorizationAttributes>(a => a.User.Name == "admin" && a.Verb == "impersonate" && a.Resource == "users" && a.Name == "jane" && a.IsResourceRequest));
        authorizer.Received(1).Authorize(Arg.Is<AuthorizationAttributes>(a => a.Verb == "impersonate" && a.Resource == "groups" && a.Name == "dev"));
    }

    [Fact]
    public void A_denied_user_impersonation_is_403_with_upstreams_message()
    {
        var authorizer = Substitute.For<IAuthorizer>();
        authorizer.Authorize(Arg.Any<AuthorizationAttributes>()).Returns((AuthorizationDecision.NoOpinion, ""));
        var context = Request("Impersonate-User: x");

        var error = Assert.Throws<ApiException>(() => ImpersonationMiddleware.Impersonate(context, authorizer));

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal("users \"x\" is forbidden: User \"admin\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", error.Message);
        Assert.Equal("admin", RequestUser.Get(context).Name);
    }

    [Fact]
    public void A_denied_service_account_impersonation_names_its_namespace_and_the_deny_reason()
    {
        var authorizer = Substitute.For<IAuthorizer>();
        authorizer.Authorize(Arg.Any<AuthorizationAttributes>()).Returns((AuthorizationDecision.Deny, "no RBAC policy matched"));
        var context = Request("Impersonate-User: system:serviceaccount:prod:robot");

        var error = Assert.Throws<ApiException>(() => ImpersonationMiddleware.Impersonate(context, authorizer));

        Assert.Equal(
            "serviceaccounts \"robot\" is forbidden: User \"admin\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"prod\": no RBAC policy matched",
            error.Message);
    }

    [Fact]
    public void Only_the_denied_target_stops_the_request_an_allowed_user_with_a_denied_extra_is_403_on_the_extra()
    {
        var authorizer = Substitute.For<IAuthorizer>();
        authorizer.Authorize(Arg.Is<AuthorizationAttributes>(a => a.Resource == "users")).Returns((AuthorizationDecision.Allow, ""));
        authorizer.Authorize(Arg.Is<AuthorizationAttributes>(a => a.Resource == "userextras")).Returns((AuthorizationDecision.NoOpinion, ""));
        var context = Request("Impersonate-User: jane|Impersonate-Extra-Scopes: view");

        var error = Assert.Throws<ApiException>(() => ImpersonationMiddleware.Impersonate(context, authorizer));

        Assert.Equal(
            "userextras.authentication.k8s.io \"view\" is forbidden: User \"admin\" cannot impersonate resource \"userextras/scopes\" in API group \"authentication.k8s.io\" at the cluster scope",
            error.Message);
    }

    private static DefaultHttpContext Request(string headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in ImpersonationHeadersTests.Headers(headers))
        {
            context.Request.Headers[name] = value;
        }

        RequestUser.Set(context, UserInfo.Of("admin", "system:masters", UserInfo.AllAuthenticated));
        return context;
    }
}
