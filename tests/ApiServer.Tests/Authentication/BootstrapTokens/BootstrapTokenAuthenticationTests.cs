using System.Globalization;
using System.Net;
using System.Text;
using k8s;
using k8s.Models;

namespace Orchestrator.ApiServer.Tests.Authentication.BootstrapTokens;

public sealed class BootstrapTokenAuthenticationTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    [Fact]
    public async Task A_valid_bootstrap_token_is_system_bootstrap_id_in_system_bootstrappers_and_its_extra_groups()
    {
        var (id, secret) = await CreateTokenSecretAsync(expiration: DateTimeOffset.UtcNow.AddHours(1), usage: "true", extraGroups: "system:bootstrappers:kubeadm:default-node-token");
        using var client = fixture.Anonymous($"{id}.{secret}");

        var user = await SecureServerFixture.WhoAmIAsync(client);

        Assert.Equal($"system:bootstrap:{id}", user["username"]!.GetValue<string>());
        Assert.Equal(["system:bootstrappers", "system:bootstrappers:kubeadm:default-node-token", "system:authenticated"], user["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-secret")]
    [InlineData("no-usage")]
    [InlineData("usage-false")]
    [InlineData("bad-extra-group")]
    [InlineData("no-secret-object")]
    public async Task A_bootstrap_token_that_does_not_match_a_usable_secret_is_401(string defect)
    {
        var (id, secret) = await CreateTokenSecretAsync(
            expiration: defect == "expired" ? DateTimeOffset.UtcNow.AddMinutes(-1) : DateTimeOffset.UtcNow.AddHours(1),
            usage: defect switch { "no-usage" => null, "usage-false" => "false", _ => "true" },
            extraGroups: defect == "bad-extra-group" ? "system:masters" : null);
        var presented = defect switch
        {
            "wrong-secret" => $"{id}.{new string('0', 16)}",
            "no-secret-object" => $"{NewId()}.{secret}",
            _ => $"{id}.{secret}",
        };
        using var client = fixture.Anonymous(presented);

        var (code, body) = await SecureHttp.GetAsync(client, "/version");

        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal("Unauthorized", body["reason"]!.GetValue<string>());
    }

    private async Task<(string Id, string Secret)> CreateTokenSecretAsync(DateTimeOffset expiration, string? usage, string? extraGroups)
    {
        var id = NewId();
        var secret = Guid.NewGuid().ToString("N")[..16];
        var data = new Dictionary<string, byte[]>
        {
            ["token-id"] = Encoding.UTF8.GetBytes(id),
            ["token-secret"] = Encoding.UTF8.GetBytes(secret),
            ["expiration"] = Encoding.UTF8.GetBytes(expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        if (usage is not null)
        {
            data["usage-bootstrap-authentication"] = Encoding.UTF8.GetBytes(usage);
        }

        if (extraGroups is not null)
        {
            data["auth-extra-groups"] = Encoding.UTF8.GetBytes(extraGroups);
        }

        await fixture.Server.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "bootstrap-token-" + id }, Type = "bootstrap.kubernetes.io/token", Data = data }, "kube-system");
        return (id, secret);
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..6];
}
