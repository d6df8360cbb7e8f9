using k8s;
using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Host.Commands;
using Orchestrator.Testing;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>`token create|list|delete` against an API server, as kubeadm's token commands behave.</summary>
public sealed class TokenCommandTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orc-token-").FullName;
    private InProcessApiServer _server = null!;
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        _server = await InProcessApiServer.StartAsync();
        _kubeconfig = Kubeconfig.Write(Path.Combine(_directory, "kubeconfig"), _server.Address);
    }

    [Fact]
    public async Task Create_list_and_delete_a_token()
    {
        var (code, created, _) = await RunAsync("token", "create", "--ttl", "2h", "--description", "for node b");
        Assert.Equal(0, code);
        Assert.True(BootstrapToken.TryParse(created.Trim(), out var token), created);

        var secret = await _server.Client.CoreV1.ReadNamespacedSecretAsync("bootstrap-token-" + token.Id, "kube-system");
        var stored = BootstrapTokenSecret.FromSecret(secret)!;
        Assert.Equal(["authentication", "signing"], stored.Usages);
        Assert.Equal(["system:bootstrappers:kubeadm:default-node-token"], stored.ExtraGroups);
        Assert.InRange(stored.Expires!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromHours(2));

        var (_, list, _) = await RunAsync("token", "list");
        var row = Assert.Single(list.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith(token.ToString(), StringComparison.Ordinal));
        Assert.Contains(" 1h ", row, StringComparison.Ordinal);
        Assert.Contains("for node b", row, StringComparison.Ordinal);

        var (deleted, said, _) = await RunAsync("token", "delete", token.ToString());
        Assert.Equal(0, deleted);
        Assert.Equal($"bootstrap token \"{token.Id}\" deleted", said.Trim());
        Assert.DoesNotContain(token.Id, (await RunAsync("token", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_token_to_delete_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("token", "delete", "ABC");
        Assert.Equal(2, code);
        Assert.Contains("is neither a token id", error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandRouter.RunAsync([.. args, "--kubeconfig", _kubeconfig], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
