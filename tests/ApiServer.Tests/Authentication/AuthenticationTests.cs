using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Tests.Authentication;

public sealed class AuthenticationTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    private const string UnauthorizedBody = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""";

    [Fact]
    public async Task A_client_certificate_of_the_cluster_CA_authenticates_its_CN_as_user_and_each_O_as_group()
    {
        using var client = fixture.ClientAs("jane", "dev", "ops");

        var user = await SecureServerFixture.WhoAmIAsync(client);

        Assert.Equal("jane", user["username"]!.GetValue<string>());
        Assert.Equal(["dev", "ops", "system:authenticated"], Groups(user));
    }

    [Fact]
    public async Task A_client_certificate_of_another_CA_is_401_with_upstreams_Status_body()
    {
        using var other = CertificateAuthority.Create("someone-else");
        using var client = SecureHttp.Create(fixture.Server.Address, fixture.Pki.Ca, other.IssueClient("admin", ["system:masters"]));

        using var response = await client.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(UnauthorizedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_client_certificate_is_401()
    {
        var caStart = new DateTimeOffset(fixture.Pki.Authority.Certificate.NotBefore.ToUniversalTime());
        using var expired = ClientCertificates.Issue(fixture.Pki.Authority.Certificate, "old", caStart, caStart.AddSeconds(1));
        using var client = SecureHttp.Create(fixture.Server.Address, fixture.Pki.Ca, expired);

        var (code, _) = await SecureHttp.GetAsync(client, "/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.Unauthorized, code);
    }

    [Fact]
    public async Task A_request_without_credentials_is_system_anonymous_in_system_unauthenticated()
    {
        using var client = fixture.Anonymous();

        var user = await SecureServerFixture.WhoAmIAsync(client);

        Assert.Equal("system:anonymous", user["username"]!.GetValue<string>());
        Assert.Equal(["system:unauthenticated"], Groups(user));
    }

    [Fact]
    public async Task Without_anonymous_authentication_a_request_without_credentials_is_401()
    {
        using var pki = new TestPki();
        await using var server = await InProcessApiServer.StartAsync(pki, pki.Security("AlwaysAllow") with { AllowAnonymous = false });
        using var client = SecureHttp.Create(server.Address, pki.Ca, null);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(UnauthorizedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_from_TokenRequest_authenticates_as_the_service_account_with_upstreams_groups_and_extra()
    {
        var (ns, account) = await CreateServiceAccountAsync();
        var pod = await fixture.Server.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { ServiceAccountName = "robot", NodeName = "node-a", Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns);
        var request = await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { BoundObjectRef = new V1BoundObjectReference { Kind = "Pod", ApiVersion = "v1", Name = "p" } } }, "robot", ns);
        using var client = fixture.Anonymous(request.Status.Token);

        var user = await SecureServerFixture.WhoAmIAsync(client);

        Assert.Equal($"system:serviceaccount:{ns}:robot", user["username"]!.GetValue<string>());
        Assert.Equal(account.Metadata.Uid, user["uid"]!.GetValue<string>());
        Assert.Equal(["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"], Groups(user));
        var extra = user["extra"]!.AsObject();
        Assert.Equal("p", extra["authentication.kubernetes.io/pod-name"]![0]!.GetValue<string>());
        Assert.Equal(pod.Metadata.Uid, extra["authentication.kubernetes.io/pod-uid"]![0]!.GetValue<string>());
        Assert.Equal("node-a", extra["authentication.kubernetes.io/node-name"]![0]!.GetValue<string>());
        Assert.StartsWith("JTI=", extra["authentication.kubernetes.io/credential-id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string> RefusedTokens => ["garbled", "wrong-issuer", "wrong-audience", "expired", "not-yet-valid", "bad-signature", "other-uid", "missing-account"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task An_invalid_service_account_token_is_401_and_never_anonymous(string defect)
    {
        var (ns, account) = await CreateServiceAccountAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new ServiceAccountClaims
        {
            Issuer = fixture.Keys.Issuer,
            Audiences = fixture.Keys.ApiAudiences,
            Expiry = now + 600,
            IssuedAt = now,
            NotBefore = now,
            Id = Guid.NewGuid().ToString(),
            Namespace = ns,
            ServiceAccount = new BoundObject("robot", account.Metadata.Uid),
        };
        var token = defect switch
        {
            "garbled" => "not.a-valid.jwt",
            "wrong-issuer" => fixture.Keys.Sign(claims with { Issuer = "https://elsewhere" }),
            "wrong-audience" => fixture.Keys.Sign(claims with { Audiences = ["vault"] }),
            "expired" => fixture.Keys.Sign(claims with { Expiry = now - 120, IssuedAt = now - 720, NotBefore = now - 720 }),
            "not-yet-valid" => fixture.Keys.Sign(claims with { NotBefore = now + 300 }),
            "bad-signature" => Tamper(fixture.Keys.Sign(claims)),
            "other-uid" => fixture.Keys.Sign(claims with { ServiceAccount = new BoundObject("robot", Guid.NewGuid().ToString()) }),
            "missing-account" => fixture.Keys.Sign(claims with { ServiceAccount = new BoundObject("ghost", account.Metadata.Uid) }),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
        using (var valid = fixture.Anonymous(fixture.Keys.Sign(claims)))
        {
            Assert.Equal(HttpStatusCode.OK, (await SecureHttp.GetAsync(valid, "/version")).Code);
        }

        using var client = fixture.Anonymous(token);

        using var response = await client.GetAsync(new Uri("/version", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(UnauthorizedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_bound_to_a_pod_stops_authenticating_once_the_pod_is_deleted()
    {
        var (ns, _) = await CreateServiceAccountAsync();
        await fixture.Server.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { ServiceAccountName = "robot", Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns);
        var request = await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { BoundObjectRef = new V1BoundObjectReference { Kind = "Pod", ApiVersion = "v1", Name = "p" } } }, "robot", ns);
        await fixture.Server.Client.CoreV1.DeleteNamespacedPodAsync("p", ns, new V1DeleteOptions { GracePeriodSeconds = 0 });
        using var client = fixture.Anonymous(request.Status.Token);

        var (code, _) = await SecureHttp.GetAsync(client, "/version");

        Assert.Equal(HttpStatusCode.Unauthorized, code);
    }

    [Fact]
    public async Task A_valid_client_certificate_wins_over_an_invalid_bearer_token_as_upstreams_first_match()
    {
        using var client = SecureHttp.Create(fixture.Server.Address, fixture.Pki.Ca, fixture.Pki.Authority.IssueClient("jane", []), "garbage-token");

        var user = await SecureServerFixture.WhoAmIAsync(client);

        Assert.Equal("jane", user["username"]!.GetValue<string>());
    }

    private async Task<(string Namespace, V1ServiceAccount Account)> CreateServiceAccountAsync()
    {
        var ns = "authn-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var account = await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, ns);
        return (ns, account);
    }

    private static string Tamper(string token)
    {
        var signature = token.LastIndexOf('.') + 1;
        return token[..signature] + (token[signature] == 'A' ? 'B' : 'A') + token[(signature + 1)..];
    }

    private static string[] Groups(JsonObject user) => [.. user["groups"]!.AsArray().Select(g => g!.GetValue<string>())];
}
