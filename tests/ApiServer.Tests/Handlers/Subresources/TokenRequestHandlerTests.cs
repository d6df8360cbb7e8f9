using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.ApiServer.Authentication.ServiceAccounts;
using Orchestrator.ApiServer.Tests.Authentication;

namespace Orchestrator.ApiServer.Tests.Handlers.Subresources;

public sealed class TokenRequestHandlerTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    [Fact]
    public async Task A_TokenRequest_without_spec_gets_the_API_audiences_an_hour_and_upstreams_claims()
    {
        var (ns, account) = await CreateServiceAccountAsync();
        using var client = fixture.ClientAs("admin", "system:masters");
        var before = DateTimeOffset.UtcNow;

        var (code, answer) = await SecureHttp.PostAsync(client, $"/api/v1/namespaces/{ns}/serviceaccounts/robot/token", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest"}""");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("TokenRequest", answer["kind"]!.GetValue<string>());
        Assert.Equal("robot", answer["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(3600, answer["spec"]!["expirationSeconds"]!.GetValue<long>());
        Assert.Equal([fixture.Keys.Issuer], answer["spec"]!["audiences"]!.AsArray().Select(a => a!.GetValue<string>()));
        var expiration = DateTimeOffset.Parse(answer["status"]!["expirationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration, before.AddSeconds(3599), before.AddSeconds(3610));
        var claims = JsonWebSignature.ReadPayload(answer["status"]!["token"]!.GetValue<string>())!;
        Assert.Equal(fixture.Keys.Issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal($"system:serviceaccount:{ns}:robot", claims["sub"]!.GetValue<string>());
        Assert.Equal(claims["iat"]!.GetValue<long>() + 3600, claims["exp"]!.GetValue<long>());
        Assert.Equal(claims["iat"]!.GetValue<long>(), claims["nbf"]!.GetValue<long>());
        Assert.True(Guid.TryParse(claims["jti"]!.GetValue<string>(), out _));
        Assert.Equal(ns, claims["kubernetes.io"]!["namespace"]!.GetValue<string>());
        Assert.Equal(account.Metadata.Uid, claims["kubernetes.io"]!["serviceaccount"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pod_bound_projected_token_of_3607_seconds_is_extended_with_warnafter_as_upstream()
    {
        var (ns, _) = await CreateServiceAccountAsync();
        await CreatePodAsync(ns, "robot");

        var request = await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3607, BoundObjectRef = new V1BoundObjectReference { Kind = "Pod", ApiVersion = "v1", Name = "p" } } }, "robot", ns);

        var claims = JsonWebSignature.ReadPayload(request.Status.Token)!;
        var issued = claims["iat"]!.GetValue<long>();
        Assert.Equal(issued + ServiceAccountTokenIssuer.ExpirationExtensionSeconds, claims["exp"]!.GetValue<long>());
        Assert.Equal(issued + 3607, claims["kubernetes.io"]!["warnafter"]!.GetValue<long>());
        Assert.InRange(request.Status.ExpirationTimestamp!.Value, DateTime.UtcNow.AddSeconds(3590), DateTime.UtcNow.AddSeconds(3610));
    }

    public static TheoryData<string, string, int, string> Refusals => new()
    {
        { "short", """{"spec":{"expirationSeconds":599}}""", 422, "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes" },
        { "other-pod-account", """{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"other"}}}""", 400, "cannot bind token for serviceaccount \"robot\" to pod running with different serviceaccount name." },
        { "missing-pod", """{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"ghost"}}}""", 404, "pods \"ghost\" not found" },
        { "wrong-uid", """{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p","uid":"0000"}}}""", 409, "Operation cannot be fulfilled on Pod \"p\": the UID in the bound object reference (0000) does not match the UID in record. The object might have been deleted and then recreated" },
        { "configmap", """{"spec":{"boundObjectRef":{"kind":"ConfigMap","apiVersion":"v1","name":"c"}}}""", 400, "cannot bind token to object of type /v1, Kind=ConfigMap" },
        { "name-mismatch", """{"metadata":{"name":"other"}}""", 422, "TokenRequest.authentication.k8s.io \"robot\" is invalid: metadata.name: Invalid value: \"other\": must match the service account name if specified" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_TokenRequest_upstream_refuses_is_refused_with_the_same_code_and_message(string name, string spec, int expectedCode, string expectedMessage)
    {
        var (ns, _) = await CreateServiceAccountAsync();
        await CreatePodAsync(ns, "robot");
        await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "someone" } }, ns);
        await CreatePodAsync(ns, "someone", "other");
        using var client = fixture.ClientAs("admin", "system:masters");
        var body = JsonNode.Parse(spec)!.AsObject();
        body["apiVersion"] = "authentication.k8s.io/v1";
        body["kind"] = "TokenRequest";

        var (code, answer) = await SecureHttp.PostAsync(client, $"/api/v1/namespaces/{ns}/serviceaccounts/robot/token", body.ToJsonString());

        Assert.True(expectedCode == (int)code, $"{name}: {answer}");
        Assert.Equal(expectedMessage, answer["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_TokenRequest_for_a_missing_service_account_is_404()
    {
        using var client = fixture.ClientAs("admin", "system:masters");

        var (code, answer) = await SecureHttp.PostAsync(client, "/api/v1/namespaces/default/serviceaccounts/ghost/token", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest"}""");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("serviceaccounts \"ghost\" not found", answer["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_server_without_security_does_not_serve_the_token_subresource()
    {
        await using var server = await InProcessApiServer.StartAsync();

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => server.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "default", "default"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    private async Task<(string Namespace, V1ServiceAccount Account)> CreateServiceAccountAsync()
    {
        var ns = "token-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var account = await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, ns);
        return (ns, account);
    }

    private Task<V1Pod> CreatePodAsync(string ns, string serviceAccount, string name = "p") =>
        fixture.Server.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1PodSpec { ServiceAccountName = serviceAccount, Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns);
}
