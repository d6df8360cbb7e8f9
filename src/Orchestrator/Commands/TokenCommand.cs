using k8s;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator token create|list|delete`: kubeadm's bootstrap-token commands, through the admin kubeconfig.</summary>
internal static class TokenCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        var verb = arguments.Take("token verb (create, list or delete)");
        var kubeconfig = arguments.Option("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? Path.Combine(".orchestrator", "kubeconfig");
        if (!File.Exists(kubeconfig))
        {
            throw new UsageException($"kubeconfig {kubeconfig} does not exist (--kubeconfig F)");
        }

        switch (verb)
        {
            case "create":
                var ttl = Durations.Option(arguments, "ttl") ?? BootstrapTokens.DefaultTtl;
                var description = arguments.Option("description") ?? "";
                arguments.EnsureConsumed();
                using (var client = Client(kubeconfig))
                {
                    var token = await BootstrapTokens.CreateAsync(client, ttl, description, TimeProvider.System, CancellationToken.None);
                    await output.WriteLineAsync(token.Token.ToString());
                }

                return 0;
            case "list":
                arguments.EnsureConsumed();
                using (var client = Client(kubeconfig))
                {
                    await output.WriteAsync(TokenTable.Format(await BootstrapTokens.ListAsync(client, CancellationToken.None), TimeProvider.System.GetUtcNow()));
                }

                return 0;
            case "delete":
                var target = arguments.Take("token id or token to delete");
                arguments.EnsureConsumed();
                using (var client = Client(kubeconfig))
                {
                    await BootstrapTokens.DeleteAsync(client, target, CancellationToken.None);
                }

                await output.WriteLineAsync($"bootstrap token \"{target.Split('.')[0]}\" deleted");
                return 0;
            default:
                throw new UsageException($"unknown token verb \"{verb}\": create, list or delete");
        }
    }

    private static Kubernetes Client(string kubeconfig) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
}
