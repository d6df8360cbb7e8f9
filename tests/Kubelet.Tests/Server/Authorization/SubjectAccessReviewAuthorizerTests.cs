using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Orchestrator.Kubelet.Server.Authorization;

namespace Orchestrator.Kubelet.Tests.Server.Authorization;

/// <summary>Each decision is a SubjectAccessReview on nodes/NODE/SUBRESOURCE, remembered 5 minutes when allowed and 30 seconds when denied.</summary>
public sealed class SubjectAccessReviewAuthorizerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<V1SubjectAccessReview> _sent = [];
    private readonly IKubernetes _client = Substitute.For<IKubernetes>();
    private bool _allow;

    public SubjectAccessReviewAuthorizerTests()
    {
        var operations = Substitute.For<IAuthorizationV1Operations>();
        operations.CreateSubjectAccessReviewWithHttpMessagesAsync(
                Arg.Any<V1SubjectAccessReview>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<bool?>(), Arg.Any<IReadOnlyDictionary<string, IReadOnlyList<string>>>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var review = call.Arg<V1SubjectAccessReview>();
                _sent.Add(review);
                review.Status = new V1SubjectAccessReviewStatus { Allowed = _allow };
                return Task.FromResult(new HttpOperationResponse<V1SubjectAccessReview> { Body = review });
            });
        _client.AuthorizationV1.Returns(operations);
    }

    private static KubeletUser User => new("metrics-reader", ["monitoring", "system:authenticated"]);

    [Fact]
    public async Task A_review_asks_for_the_node_s_subresource_for_the_certificate_s_user_and_groups()
    {
        var authorizer = new SubjectAccessReviewAuthorizer("node-1", _time);
        authorizer.UseClient(_client);
        _allow = true;

        Assert.True(await authorizer.AllowsAsync(User, "get", "stats", CancellationToken.None));

        var spec = Assert.Single(_sent).Spec;
        Assert.Equal("metrics-reader", spec.User);
        Assert.Equal(["monitoring", "system:authenticated"], spec.Groups);
        Assert.Equal(("get", "", "v1", "nodes", "stats", "node-1"), (spec.ResourceAttributes.Verb, spec.ResourceAttributes.Group, spec.ResourceAttributes.Version, spec.ResourceAttributes.Resource, spec.ResourceAttributes.Subresource, spec.ResourceAttributes.Name));
    }

    [Fact]
    public async Task An_allowed_decision_is_remembered_five_minutes()
    {
        var authorizer = new SubjectAccessReviewAuthorizer("node-1", _time);
        authorizer.UseClient(_client);
        _allow = true;
        await authorizer.AllowsAsync(User, "get", "stats", CancellationToken.None);

        _allow = false;
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(await authorizer.AllowsAsync(User, "get", "stats", CancellationToken.None));
        Assert.Single(_sent);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await authorizer.AllowsAsync(User, "get", "stats", CancellationToken.None));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task A_denial_is_remembered_thirty_seconds_and_other_subresources_are_asked_apart()
    {
        var authorizer = new SubjectAccessReviewAuthorizer("node-1", _time);
        authorizer.UseClient(_client);
        Assert.False(await authorizer.AllowsAsync(User, "get", "metrics", CancellationToken.None));

        _allow = true;
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await authorizer.AllowsAsync(User, "get", "metrics", CancellationToken.None));
        Assert.True(await authorizer.AllowsAsync(User, "get", "stats", CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await authorizer.AllowsAsync(User, "get", "metrics", CancellationToken.None));
        Assert.Equal(3, _sent.Count);
    }

    [Fact]
    public async Task Without_the_kubelet_s_client_there_is_no_decision()
    {
        var authorizer = new SubjectAccessReviewAuthorizer("node-1", _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => authorizer.AllowsAsync(User, "get", "stats", CancellationToken.None));
    }
}
