using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.ApiServer.Tests.Authentication;

namespace Orchestrator.ApiServer.Tests.Registry.Authentication;

public sealed class ReviewTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    [Fact]
    public async Task A_TokenReview_of_a_valid_token_answers_its_user_and_audiences()
    {
        var token = await CreateTokenAsync(["https://kubernetes.default.svc.cluster.local", "vault"]);

        var review = await fixture.Server.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token.Token, Audiences = ["vault"] } });

        Assert.True(review.Status.Authenticated);
        Assert.Equal($"system:serviceaccount:{token.Namespace}:robot", review.Status.User.Username);
        Assert.Contains("system:authenticated", review.Status.User.Groups);
        Assert.Equal(["vault"], review.Status.Audiences);
        Assert.Equal(token.Token, review.Spec.Token);
    }

    [Fact]
    public async Task A_TokenReview_for_an_audience_the_token_lacks_is_not_authenticated_with_upstreams_error()
    {
        var token = await CreateTokenAsync(["vault"]);

        var review = await fixture.Server.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token.Token } });

        Assert.False(review.Status.Authenticated);
        Assert.Equal("token audiences [\"vault\"] is invalid for the target audiences [\"https://kubernetes.default.svc.cluster.local\"]", review.Status.Error);
        Assert.Null(review.Status.User);
    }

    [Fact]
    public async Task A_TokenReview_of_a_token_no_authenticator_knows_is_an_invalid_bearer_token()
    {
        var review = await fixture.Server.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = "abc" } });

        Assert.False(review.Status.Authenticated);
        Assert.Equal("invalid bearer token", review.Status.Error);
    }

    [Fact]
    public async Task A_TokenReview_without_a_token_is_400()
    {
        using var client = fixture.ClientAs("admin", "system:masters");

        var (code, answer) = await SecureHttp.PostAsync(client, "/apis/authentication.k8s.io/v1/tokenreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("token is required for TokenReview in authentication", answer["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_SelfSubjectReview_answers_the_callers_user_in_v1_and_v1beta1()
    {
        using var client = fixture.ClientAs("jane", "dev");

        foreach (var version in new[] { "v1", "v1beta1" })
        {
            var (code, answer) = await SecureHttp.PostAsync(client, $"/apis/authentication.k8s.io/{version}/selfsubjectreviews", $$"""{"apiVersion":"authentication.k8s.io/{{version}}","kind":"SelfSubjectReview"}""");

            Assert.Equal(HttpStatusCode.Created, code);
            Assert.Equal($"authentication.k8s.io/{version}", answer["apiVersion"]!.GetValue<string>());
            Assert.Equal("jane", answer["status"]!["userInfo"]!["username"]!.GetValue<string>());
            Assert.NotNull(answer["metadata"]!["creationTimestamp"]);
        }
    }

    [Fact]
    public async Task A_server_without_security_answers_SelfSubjectReview_with_its_unsecured_user()
    {
        await using var server = await InProcessApiServer.StartAsync();

        var review = await server.Client.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview());

        Assert.Equal("system:unsecured", review.Status.UserInfo.Username);
    }

    private async Task<(string Namespace, string Token)> CreateTokenAsync(IList<string> audiences)
    {
        var ns = "review-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, ns);
        var request = await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = audiences } }, "robot", ns);
        return (ns, request.Status.Token);
    }
}
