using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Tests.Authentication;

/// <summary>One secured in-process server (TLS, authentication, AlwaysAllow) shared by a test class, with its PKI and token keys.</summary>
public sealed class SecureServerFixture : IAsyncLifetime
{
    public TestPki Pki { get; } = new();

    public InProcessApiServer Server { get; private set; } = null!;

    internal ServiceAccountTokenKeys Keys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var security = Pki.Security("AlwaysAllow");
        Keys = new ServiceAccountTokenKeys(security.ServiceAccountSigningKey, security.ServiceAccountIssuer, security.ApiAudiences);
        Server = await InProcessApiServer.StartAsync(Pki, security);
    }

    /// <summary>An HTTP client trusting the cluster CA, as <paramref name="user"/> in <paramref name="groups"/> (client certificate).</summary>
    public HttpClient ClientAs(string user, params string[] groups) => SecureHttp.Create(Server.Address, Pki.Ca, Pki.Authority.IssueClient(user, groups));

    /// <summary>An HTTP client with no client certificate, sending <paramref name="token"/> as a bearer token when given.</summary>
    public HttpClient Anonymous(string? token = null) => SecureHttp.Create(Server.Address, Pki.Ca, null, token);

    /// <summary>POSTs a SelfSubjectReview and returns its <c>status.userInfo</c> (throws on any other answer than 201).</summary>
    public static async Task<JsonObject> WhoAmIAsync(HttpClient client)
    {
        var (code, body) = await SecureHttp.PostAsync(client, "/apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""");
        Assert.True(code == System.Net.HttpStatusCode.Created, $"SelfSubjectReview answered {code}: {body}");
        return body["status"]!["userInfo"]!.AsObject();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
    }
}
