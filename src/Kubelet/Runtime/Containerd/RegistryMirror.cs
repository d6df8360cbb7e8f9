namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// containerd registry host configuration (<c>&lt;config_path&gt;/&lt;registry&gt;/hosts.toml</c>, read on every pull, no
/// restart): serves pulls of one registry name from a local plain-HTTP mirror, e.g. <c>docker.io</c> →
/// <c>http://127.0.0.1:5000</c> so <c>busybox:1.35</c> resolves without the internet (cri-containerd.md §8).
/// </summary>
public static class RegistryMirror
{
    /// <summary>The hosts.toml for <paramref name="registry"/> served by <paramref name="mirror"/> (pull and resolve).</summary>
    public static string Render(string registry, Uri mirror)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        ArgumentNullException.ThrowIfNull(mirror);
        if (mirror.Scheme is not ("http" or "https") || mirror.AbsolutePath != "/")
        {
            throw new ArgumentException($"mirror {mirror} must be an http(s) URL with no path", nameof(mirror));
        }

        var server = registry == "docker.io" ? "https://registry-1.docker.io" : $"https://{registry}";
        var host = mirror.GetLeftPart(UriPartial.Authority);
        return string.Create(CultureInfo.InvariantCulture, $"""
            server = "{server}"

            [host."{host}"]
              capabilities = ["pull", "resolve"]

            """);
    }

    /// <summary>Writes <c>&lt;configDir&gt;/&lt;registry&gt;/hosts.toml</c> (temp file + rename); returns its path.</summary>
    public static string Write(string configDir, string registry, Uri mirror)
    {
        if (registry.Contains('/', StringComparison.Ordinal) || registry is "." or "..")
        {
            throw new ArgumentException($"'{registry}' is not a registry host name", nameof(registry));
        }

        var content = Render(registry, mirror);
        var dir = Path.Combine(configDir, registry);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "hosts.toml");
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
