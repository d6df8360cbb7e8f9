using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>
/// The platforms of images, read from their registries off the scheduling thread. A reference by digest is cached
/// for good; a tag for <see cref="ImagePlatformOptions.TagTtl"/>, after which the next lookup still answers from the
/// cache while a background HEAD finds the tag's digest (a known digest needs no manifest read). Failures, timeouts
/// and 404s are "no opinion" for <see cref="ImagePlatformOptions.NegativeTtl"/>. At most
/// <see cref="ImagePlatformOptions.MaxEntries"/> references and as many digests are kept. Thread-safe.
/// </summary>
public sealed class ImagePlatformCache
{
    private readonly IRegistryClient _registry;
    private readonly IPullSecretCredentials? _credentials;
    private readonly ImagePlatformOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CachedImage> _byReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Platform>> _byDigest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    public ImagePlatformCache(IRegistryClient registry, IPullSecretCredentials? credentials, ImagePlatformOptions? options = null, TimeProvider? time = null)
    {
        _registry = registry;
        _credentials = credentials;
        _options = options ?? new ImagePlatformOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised (on a thread-pool thread) when a read gives a new answer, so pods that waited for it can be tried again.</summary>
    public event Action? Resolved;

    public ImagePlatformOptions Options => _options;

    /// <summary>References cached now (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byReference.Count;
            }
        }
    }

    /// <summary>
    /// What is known about <paramref name="image"/> as the pod's pull secrets (<paramref name="secretNames"/> in
    /// <paramref name="namespace"/>) see it; starts a read when nothing is, or a refresh when the answer is stale.
    /// Never blocks on the registry.
    /// </summary>
    public ImageLookup Lookup(string image, string @namespace, IReadOnlyList<string> secretNames)
    {
        var key = secretNames.Count == 0 ? image : image + "|" + @namespace + "/" + string.Join(",", secretNames);
        lock (_lock)
        {
            if (_byReference.TryGetValue(key, out var cached))
            {
                if (cached.Expires <= _time.GetUtcNow() && !_inFlight.ContainsKey(key))
                {
                    _inFlight[key] = Task.Run(() => ReadAsync(key, image, @namespace, secretNames, cached.Digest));
                }

                return cached.Platforms is null ? ImageLookup.NoOpinion : new ImageLookup(cached.Platforms, null);
            }

            if (!_inFlight.TryGetValue(key, out var pending))
            {
                pending = Task.Run(() => ReadAsync(key, image, @namespace, secretNames, null));
                _inFlight[key] = pending;
            }

            return new ImageLookup(null, pending);
        }
    }

    private async Task ReadAsync(string key, string image, string @namespace, IReadOnlyList<string> secretNames, string? previousDigest)
    {
        CachedImage answer;
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, _time);
            answer = await ReadFromRegistryAsync(image, @namespace, secretNames, previousDigest, timeout.Token);
        }
        catch (Exception)
        {
            // Any failure (registry, network, timeout, reading the pull secrets) is "no opinion" for a while: the
            // scheduling cycle must not wait on this registry again soon, and the read must end or pods wait for good.
            answer = new CachedImage(null, null, _time.GetUtcNow() + _options.NegativeTtl);
        }

        bool changed;
        lock (_lock)
        {
            var before = _byReference.GetValueOrDefault(key);

            // A refresh that failed keeps the platforms read before (an image's platforms rarely change) until asked again.
            if (answer.Platforms is null && before?.Platforms is not null)
            {
                answer = before with { Expires = answer.Expires };
            }

            changed = before is null || before.Digest != answer.Digest || (before.Platforms is null) != (answer.Platforms is null);
            Store(key, answer);
            _inFlight.Remove(key);
        }

        if (changed)
        {
            Resolved?.Invoke();
        }
    }

    private async Task<CachedImage> ReadFromRegistryAsync(string image, string @namespace, IReadOnlyList<string> secretNames, string? previousDigest, CancellationToken ct)
    {
        var credential = secretNames.Count == 0 || _credentials is null ? null : await _credentials.GetAsync(@namespace, secretNames, image, ct);
        var byDigest = image.Contains("@sha256:", StringComparison.Ordinal);
        var expires = byDigest ? DateTimeOffset.MaxValue : _time.GetUtcNow() + _options.TagTtl;
        if (previousDigest is not null)
        {
            // A refresh: a HEAD tells whether the tag moved; a digest already read needs no manifest GET.
            var head = await _registry.HeadManifestAsync(image, credential, null, ct);
            if (head.Digest is { } digest && KnownDigest(digest) is { } known)
            {
                return new CachedImage(known, digest, expires);
            }
        }

        var platforms = await _registry.GetPlatformsAsync(image, credential, ct);
        return platforms is null
            ? new CachedImage(null, null, _time.GetUtcNow() + _options.NegativeTtl)
            : new CachedImage(platforms.Platforms, platforms.Digest, expires);
    }

    private IReadOnlyList<Platform>? KnownDigest(string digest)
    {
        lock (_lock)
        {
            return _byDigest.GetValueOrDefault(digest);
        }
    }

    private void Store(string key, CachedImage answer)
    {
        _byReference[key] = answer;
        if (_byReference.Count > _options.MaxEntries)
        {
            // Drop the answers due soonest (the negative and stale ones first); digests are never due.
            foreach (var old in _byReference.Where(e => e.Key != key).OrderBy(e => e.Value.Expires).Take(_byReference.Count - _options.MaxEntries).Select(e => e.Key).ToList())
            {
                _byReference.Remove(old);
            }
        }

        if (answer is { Digest: { } digest, Platforms: { } platforms })
        {
            if (_byDigest.Count >= _options.MaxEntries && !_byDigest.ContainsKey(digest))
            {
                _byDigest.Remove(_byDigest.Keys.First());
            }

            _byDigest[digest] = platforms;
        }
    }
}
