namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator token create|list|delete`: kubeadm's bootstrap-token commands, through the admin kubeconfig
/// (<c>--kubeconfig</c>, else $KUBECONFIG, else .orchestrator/kubeconfig). The values come typed from the definition.
/// </summary>
internal static class TokenCommand
{
    public static async Task<int> CreateAsync(string? kubeconfig, TimeSpan? ttl, string? description, TextWriter output)
    {
        using var client = Client(kubeconfig);
        var token = await BootstrapTokens.CreateAsync(client, ttl ?? BootstrapTokens.DefaultTtl, description ?? "", TimeProvider.System, CancellationToken.None);
        await output.WriteLineAsync(token.Token.ToString());
        return 0;
    }

    public static async Task<int> ListAsync(string? kubeconfig, TextWriter output)
    {
        using var client = Client(kubeconfig);
        await output.WriteAsync(TokenTable.Format(await BootstrapTokens.ListAsync(client, CancellationToken.None), TimeProvider.System.GetUtcNow()));
        return 0;
    }

    public static async Task<int> DeleteAsync(string? kubeconfig, string target, TextWriter output)
    {
        using (var client = Client(kubeconfig))
        {
            await BootstrapTokens.DeleteAsync(client, target, CancellationToken.None);
        }

        await output.WriteLineAsync($"bootstrap token \"{target.Split('.')[0]}\" deleted");
        return 0;
    }

    private static Kubernetes Client(string? given)
    {
        var kubeconfig = given ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? Path.Combine(".orchestrator", "kubeconfig");
        if (!File.Exists(kubeconfig))
        {
            throw new UsageException($"kubeconfig {kubeconfig} does not exist (--kubeconfig F)");
        }

        return new(KubeconfigReader.Load(kubeconfig));
    }
}
