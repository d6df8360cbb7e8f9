namespace Orchestrator.Host.Commands;

/// <summary>Bootstrap tokens through the API, as kubeadm keeps them: Secrets in kube-system.</summary>
internal static class BootstrapTokens
{
    /// <summary>kubeadm's default TTL.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(24);

    /// <summary>A new node-join token (authentication and signing, in system:bootstrappers:kubeadm:default-node-token); a TTL of 0 never expires.</summary>
    public static async Task<BootstrapTokenSecret> CreateAsync(IKubernetes client, TimeSpan ttl, string description, TimeProvider time, CancellationToken ct)
    {
        var token = new BootstrapTokenSecret(
            BootstrapToken.Generate(),
            ttl == TimeSpan.Zero ? null : time.GetUtcNow().Add(ttl),
            BootstrapTokenSecret.DefaultUsages,
            [BootstrapTokenSecrets.DefaultNodeTokenGroup],
            description);
        await client.CoreV1.CreateNamespacedSecretAsync(token.ToSecret(), BootstrapTokenSecrets.Namespace, cancellationToken: ct);
        return token;
    }

    public static async Task<IReadOnlyList<BootstrapTokenSecret>> ListAsync(IKubernetes client, CancellationToken ct)
    {
        var secrets = await client.CoreV1.ListNamespacedSecretAsync(BootstrapTokenSecrets.Namespace, fieldSelector: "type=" + BootstrapTokenSecrets.SecretType, cancellationToken: ct);
        return [.. secrets.Items.Select(BootstrapTokenSecret.FromSecret).OfType<BootstrapTokenSecret>().OrderBy(t => t.Token.Id, StringComparer.Ordinal)];
    }

    /// <summary>Deletes the token named by its id or by the whole token.</summary>
    public static Task DeleteAsync(IKubernetes client, string idOrToken, CancellationToken ct)
    {
        var id = BootstrapToken.TryParse(idOrToken, out var token) ? token.Id
            : BootstrapToken.IsValidId(idOrToken) ? idOrToken
            : throw new UsageException($"\"{idOrToken}\" is neither a token id ([a-z0-9]{{6}}) nor a token ([a-z0-9]{{6}}.[a-z0-9]{{16}})");
        return client.CoreV1.DeleteNamespacedSecretAsync(BootstrapTokenSecrets.SecretName(id), BootstrapTokenSecrets.Namespace, cancellationToken: ct);
    }
}
