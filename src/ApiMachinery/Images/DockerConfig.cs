using System.Text.Json;

namespace Orchestrator.ApiMachinery.Images;

/// <summary>
/// Registry credentials from image pull Secrets, as the kubelet's credential keyring reads them
/// (<c>pkg/credentialprovider/keyring.go</c>), simplified: a <c>kubernetes.io/dockerconfigjson</c> Secret's
/// <c>.dockerconfigjson</c> (<c>{"auths": {key: entry}}</c>) or a <c>kubernetes.io/dockercfg</c> Secret's
/// <c>.dockercfg</c> (<c>{key: entry}</c>). An entry's <c>auth</c> (base64 <c>user:password</c>) wins over its
/// <c>username</c>/<c>password</c>. A key may be a URL or a host: scheme and a trailing <c>/v1/</c> or <c>/v2/</c>
/// are dropped, and Docker Hub's spellings (<c>index.docker.io</c>, <c>registry-1.docker.io</c>,
/// <c>https://index.docker.io/v1/</c>) mean <c>docker.io</c>. A key matches an image when the hosts match label by
/// label (a label of the key may be a <c>*</c> glob, as <c>*.example.com</c>), the ports are equal, and the key's
/// path is a prefix of the image's repository path; the longest matching key wins, and among equal keys the first
/// Secret in <c>imagePullSecrets</c> order. Not supported: credential provider plugins, <c>identitytoken</c>
/// (OAuth2 refresh tokens), trying every matching credential in turn as the kubelet's pull does.
/// </summary>
public static class DockerConfig
{
    public const string DockerConfigJsonType = "kubernetes.io/dockerconfigjson";
    public const string DockerConfigJsonKey = ".dockerconfigjson";
    public const string DockerCfgType = "kubernetes.io/dockercfg";
    public const string DockerCfgKey = ".dockercfg";

    /// <summary>
    /// The entries of one Secret: empty for a Secret of another type; <see cref="FormatException"/> when the data
    /// key is missing or not a docker config.
    /// </summary>
    public static IReadOnlyList<DockerCredential> Parse(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var (dataKey, nested) = secret.Type switch
        {
            DockerConfigJsonType => (DockerConfigJsonKey, true),
            DockerCfgType => (DockerCfgKey, false),
            _ => (null, false),
        };
        if (dataKey is null)
        {
            return [];
        }

        var where = $"secret {secret.Metadata?.NamespaceProperty}/{secret.Metadata?.Name}";
        if (secret.Data is null || !secret.Data.TryGetValue(dataKey, out var bytes))
        {
            throw new FormatException($"{where} of type {secret.Type} has no {dataKey} key");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var auths = document.RootElement;
            if (nested && (auths.ValueKind != JsonValueKind.Object || !auths.TryGetProperty("auths", out auths)))
            {
                throw new FormatException($"{where}: {dataKey} has no \"auths\" object");
            }

            if (auths.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{where}: the registry entries of {dataKey} are not an object");
            }

            var credentials = new List<DockerCredential>();
            foreach (var entry in auths.EnumerateObject())
            {
                credentials.Add(Entry(where, entry));
            }

            return credentials;
        }
        catch (JsonException error)
        {
            throw new FormatException($"{where}: {dataKey} is not JSON: {error.Message}", error);
        }
    }

    /// <summary>The credential for <paramref name="image"/> among <paramref name="credentials"/> (in Secret order), or null.</summary>
    public static DockerCredential? Lookup(IEnumerable<DockerCredential> credentials, ImageName image)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(image);
        DockerCredential? best = null;
        foreach (var credential in credentials)
        {
            if (Matches(credential.Key, image) && (best is null || credential.Key.Length > best.Key.Length))
            {
                best = credential;
            }
        }

        return best;
    }

    /// <summary>A key as the keyring indexes it: <c>https://Index.Docker.io/v1/</c> → <c>docker.io</c>.</summary>
    public static string NormalizeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rest = key;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = (slash >= 0 ? rest[..slash] : rest).ToLowerInvariant();
        var path = slash >= 0 ? rest[slash..] : "";
        foreach (var suffix in new[] { "/v1/", "/v2/", "/v1", "/v2" })
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                path = path[..^suffix.Length];
                break;
            }
        }

        path = path.TrimEnd('/');
        if (host is "index.docker.io" or "registry-1.docker.io")
        {
            host = ImageName.DockerHubDomain;
        }

        return host + path;
    }

    private static DockerCredential Entry(string where, JsonProperty entry)
    {
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where}: entry \"{entry.Name}\" is not an object");
        }

        var username = String(entry.Value, "username") ?? "";
        var password = String(entry.Value, "password") ?? "";
        var auth = String(entry.Value, "auth");
        if (!string.IsNullOrEmpty(auth))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException error)
            {
                throw new FormatException($"{where}: entry \"{entry.Name}\": auth is not base64", error);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"{where}: entry \"{entry.Name}\": auth is not base64 of user:password");
            }

            username = decoded[..colon];
            password = decoded[(colon + 1)..];
        }

        return new DockerCredential(NormalizeKey(entry.Name), username, password);
    }

    private static string? String(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Matches(string key, ImageName image)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var keyHost = slash >= 0 ? key[..slash] : key;
        var keyPath = slash >= 0 ? key[(slash + 1)..] : "";
        var (keyName, keyPort) = SplitPort(keyHost);
        var (imageName, imagePort) = SplitPort(image.Domain.ToLowerInvariant());
        if (keyPort != imagePort)
        {
            return false;
        }

        var keyLabels = keyName.Split('.');
        var imageLabels = imageName.Split('.');
        if (keyLabels.Length != imageLabels.Length)
        {
            return false;
        }

        for (var i = 0; i < keyLabels.Length; i++)
        {
            if (!Glob(keyLabels[i], imageLabels[i]))
            {
                return false;
            }
        }

        return keyPath.Length == 0 || image.Repository == keyPath || image.Repository.StartsWith(keyPath + "/", StringComparison.Ordinal);
    }

    private static (string Name, string Port) SplitPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > host.LastIndexOf(']') ? (host[..colon], host[(colon + 1)..]) : (host, "");
    }

    // A label glob with '*' for any run of characters, the only wildcard the keyring's keys use in practice.
    private static bool Glob(string pattern, string value)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        var parts = pattern.Split('*');
        if (!value.StartsWith(parts[0], StringComparison.Ordinal) || !value.EndsWith(parts[^1], StringComparison.Ordinal)
            || value.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var at = parts[0].Length;
        var end = value.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0 || found + parts[i].Length > end)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return true;
    }
}
