using k8s;
using k8s.Models;

namespace Orchestrator.ApiServer.Tests.Authentication;

/// <summary>Real kubectl against a secured server: create token, auth whoami (1.33 and 1.27), --as impersonation.</summary>
public sealed class KubectlAuthenticationTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Kubectl_create_token_gives_a_token_whoami_shows_as_the_service_account(string version)
    {
        var ns = "kubectl-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, ns);
        using var admin = SecureKubeconfig.WithCertificate(fixture.Server.Address, fixture.Pki.Ca, fixture.Pki.Authority.IssueClient("admin", ["system:masters"]));
        using var asAdmin = new Kubectl(version, admin.Path);

        var created = await asAdmin.RunAsync("create", "token", "robot", "-n", ns, "--duration", "10m");
        Assert.True(created.ExitCode == 0, created.Stderr);
        using var withToken = SecureKubeconfig.WithToken(fixture.Server.Address, fixture.Pki.Ca, created.Stdout.Trim());
        using var asRobot = new Kubectl(version, withToken.Path);
        var whoami = await asRobot.RunAsync("auth", "whoami");

        Assert.True(whoami.ExitCode == 0, whoami.Stderr);
        var rows = Rows(whoami.Stdout);
        Assert.Equal("VALUE", rows["ATTRIBUTE"]);
        Assert.Equal($"system:serviceaccount:{ns}:robot", rows["Username"]);
        Assert.Equal($"[system:serviceaccounts system:serviceaccounts:{ns} system:authenticated]", rows["Groups"]);
        Assert.StartsWith("[JTI=", rows["Extra: authentication.kubernetes.io/credential-id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_as_and_as_group_act_as_the_impersonated_user_when_allowed()
    {
        using var admin = SecureKubeconfig.WithCertificate(fixture.Server.Address, fixture.Pki.Ca, fixture.Pki.Authority.IssueClient("admin", ["system:masters"]));
        using var kubectl = new Kubectl("1.33", admin.Path);

        var whoami = await kubectl.RunAsync("auth", "whoami", "--as", "jane", "--as-group", "dev", "--as-group", "ops");

        Assert.True(whoami.ExitCode == 0, whoami.Stderr);
        var rows = Rows(whoami.Stdout);
        Assert.Equal("jane", rows["Username"]);
        Assert.Equal("[dev ops system:authenticated]", rows["Groups"]);
    }

    [Fact]
    public async Task Kubectl_create_token_with_audience_and_bound_pod_issues_a_token_for_them()
    {
        var ns = "kubectl-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await fixture.Server.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } }, ns);
        var pod = await fixture.Server.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { ServiceAccountName = "robot", Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns);
        using var admin = SecureKubeconfig.WithCertificate(fixture.Server.Address, fixture.Pki.Ca, fixture.Pki.Authority.IssueClient("admin", ["system:masters"]));
        using var kubectl = new Kubectl("1.33", admin.Path);

        var created = await kubectl.RunAsync("create", "token", "robot", "-n", ns, "--audience", "vault", "--bound-object-kind", "Pod", "--bound-object-name", "p");

        Assert.True(created.ExitCode == 0, created.Stderr);
        var claims = Orchestrator.ApiServer.Authentication.ServiceAccounts.JsonWebSignature.ReadPayload(created.Stdout.Trim())!;
        Assert.Equal("vault", claims["aud"]!.GetValue<string>());
        Assert.Equal(pod.Metadata.Uid, claims["kubernetes.io"]!["pod"]!["uid"]!.GetValue<string>());
    }

    /// <summary>kubectl's two-column table: first column → rest of the line, trimmed.</summary>
    private static Dictionary<string, string> Rows(string table)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var valueColumn = lines[0].IndexOf("VALUE", StringComparison.Ordinal);
        foreach (var line in lines)
        {
            rows[line[..valueColumn].Trim()] = line[valueColumn..].Trim();
        }

        return rows;
    }
}
