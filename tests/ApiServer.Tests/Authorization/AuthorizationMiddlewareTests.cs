using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Tests.Authorization;

public sealed class AuthorizationMiddlewareTests
{
    [Fact]
    public async Task An_allowed_request_goes_on_and_the_authorizer_sees_the_requests_user_and_attributes()
    {
        var authorizer = new RecordingAuthorizer(AuthorizationDecision.Allow);
        var called = false;
        var middleware = new AuthorizationMiddleware(_ => { called = true; return Task.CompletedTask; }, new AuthorizerChain([authorizer]));
        var context = Request("GET", "/api/v1/namespaces/default/pods", "watch=1");
        RequestUser.Set(context, UserInfo.Of("alice", UserInfo.AllAuthenticated));

        await middleware.InvokeAsync(context);

        Assert.True(called);
        var seen = Assert.Single(authorizer.Seen);
        Assert.Equal(("alice", "watch", "pods", "default"), (seen.User.Name, seen.Verb, seen.Resource, seen.Namespace));
    }

    [Theory]
    [InlineData(AuthorizationDecision.NoOpinion)]
    [InlineData(AuthorizationDecision.Deny)]
    public async Task A_request_no_authorizer_allows_is_a_403_and_never_reaches_the_handler(AuthorizationDecision decision)
    {
        var called = false;
        var middleware = new AuthorizationMiddleware(_ => { called = true; return Task.CompletedTask; }, new AuthorizerChain([new RecordingAuthorizer(decision)]));
        var context = Request("GET", "/api/v1/namespaces/default/secrets", "");
        RequestUser.Set(context, UserInfo.AnonymousUser);

        var error = await Assert.ThrowsAsync<ApiException>(() => middleware.InvokeAsync(context));

        Assert.False(called);
        Assert.Equal(403, error.Code);
        Assert.Equal("secrets is forbidden: User \"system:anonymous\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"", error.Message);
    }

    private static DefaultHttpContext Request(string method, string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length > 0 ? "?" + query : "");
        return context;
    }

    private sealed class RecordingAuthorizer(AuthorizationDecision decision) : IAuthorizer
    {
        public List<AuthorizationAttributes> Seen { get; } = [];

        public (AuthorizationDecision Decision, string Reason) Authorize(AuthorizationAttributes attributes)
        {
            Seen.Add(attributes);
            return (decision, "");
        }
    }
}
