namespace Orchestrator.Host.Commands;

/// <summary>The kubeconfig of the user-facing commands (`status`, `explain`): --kubeconfig, else `up`'s ./.orchestrator/kubeconfig, else $KUBECONFIG.</summary>
internal static class AdminKubeconfig
{
    public static Kubernetes Client(string? given)
    {
        var path = given ?? (File.Exists(Path.Combine(".orchestrator", "kubeconfig")) ? Path.Combine(".orchestrator", "kubeconfig") : Environment.GetEnvironmentVariable("KUBECONFIG"));
        if (path is null)
        {
            throw new UsageException("no kubeconfig: ./.orchestrator/kubeconfig does not exist and KUBECONFIG is not set (--kubeconfig F)");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"kubeconfig {path} does not exist");
        }

        return KubernetesClients.Create(KubeconfigReader.Load(path));
    }
}
