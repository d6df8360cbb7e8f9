using Orchestrator.Client.Processes;

namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// How to reach nf_tables: on the host, or inside a named network namespace (tests, benchmarks, netns nodes); the
/// netlink transport opens its socket in <see cref="NetworkNamespace"/>.
/// </summary>
internal sealed record NftCommand(string File, IReadOnlyList<string> Prefix, string? NetworkNamespace = null)
{
    public static NftCommand Host { get; } = new("nft", []);

    public static NftCommand InNetworkNamespace(string name) => new("ip", ["netns", "exec", name, "nft"], name);

    public Task<HostCommandResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken) =>
        HostCommand.RunAsync(File, Prefix.Concat(arguments), standardInput, cancellationToken);

    /// <summary>Applies <paramref name="script"/> as one <c>nft -f -</c> transaction; throws with nft's message when it fails.</summary>
    public async Task ApplyAsync(string script, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["-f", "-"], script, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"nft -f failed with exit code {result.ExitCode}: {result.StandardError.Trim()}");
        }
    }
}
