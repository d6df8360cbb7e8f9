namespace Orchestrator.Client.Registry;

/// <summary>Limits of <see cref="RegistryClient"/>.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>How long one HTTP request (manifest, blob or token) may take, headers and body. Default 3 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The largest manifest or index read: 4 MiB, as distribution's registry accepts.</summary>
    public int MaxManifestBytes { get; init; } = 4 << 20;

    /// <summary>The largest image config blob read (only <c>os</c>/<c>architecture</c> are wanted). Default 4 MiB.</summary>
    public int MaxConfigBytes { get; init; } = 4 << 20;

    /// <summary>The largest token-server answer read. Default 1 MiB.</summary>
    public int MaxTokenBytes { get; init; } = 1 << 20;

    /// <summary>Registries (host[:port]) to speak plain HTTP to besides <c>localhost</c> and loopback addresses.</summary>
    public IReadOnlySet<string> PlainHttpHosts { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
