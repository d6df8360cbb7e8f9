using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Orchestrator.Client.Registry;
using Orchestrator.Scheduler.Plugins.ImagePlatform;
using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Tests.Plugins.ImagePlatform;

/// <summary>What the cache reads from the registry, and when it reads again.</summary>
public sealed class ImagePlatformCacheTests
{
    private const string Tag = "reg.example/app:1";
    private const string ByDigest = "reg.example/app@sha256:aaaa";
    private static readonly Platform Linux = new("linux", "amd64");

    private readonly FakeTimeProvider _time = new();
    private readonly FakeRegistry _registry = new FakeRegistry().With(Tag, "sha256:aaaa", Linux).With(ByDigest, "sha256:aaaa", Linux);
    private readonly ImagePlatformOptions _options = new() { TagTtl = TimeSpan.FromMinutes(5), NegativeTtl = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromSeconds(3) };

    private ImagePlatformCache Cache(IPullSecretCredentials? credentials = null, ImagePlatformOptions? options = null) =>
        new(_registry, credentials, options ?? _options, _time);

    private static async Task<ImageLookup> ResolveAsync(ImagePlatformCache cache, string image, params string[] secrets)
    {
        var lookup = cache.Lookup(image, "ns", secrets);
        if (lookup.Pending is { } pending)
        {
            await pending.WaitAsync(TimeSpan.FromSeconds(10));
            lookup = cache.Lookup(image, "ns", secrets);
        }

        return lookup;
    }

    [Fact]
    public async Task A_tag_is_read_once_then_served_from_the_cache()
    {
        var cache = Cache();
        Assert.NotNull(cache.Lookup(Tag, "ns", []).Pending);
        Assert.Equal([Linux], (await ResolveAsync(cache, Tag)).Platforms);
        Assert.Equal([Linux], cache.Lookup(Tag, "other-ns", []).Platforms);
        Assert.Equal(1, _registry.Gets);
    }

    [Fact]
    public async Task A_stale_tag_is_served_while_a_head_finds_its_digest_already_known()
    {
        var cache = Cache();
        await ResolveAsync(cache, Tag);
        _time.Advance(TimeSpan.FromMinutes(6));

        var stale = cache.Lookup(Tag, "ns", []);
        Assert.Equal([Linux], stale.Platforms);
        Assert.Null(stale.Pending);
        await Eventually(() => _registry.Heads == 1);
        Assert.Equal(1, _registry.Gets);
    }

    [Fact]
    public async Task A_digest_is_never_read_again()
    {
        var cache = Cache();
        await ResolveAsync(cache, ByDigest);
        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal([Linux], cache.Lookup(ByDigest, "ns", []).Platforms);
        await Task.Delay(50);
        Assert.Equal((1, 0), (_registry.Gets, _registry.Heads));
    }

    [Fact]
    public async Task A_failure_or_a_missing_image_is_no_opinion_until_the_negative_ttl_passes()
    {
        _registry.Failing.Add(Tag);
        var cache = Cache();
        var lookup = await ResolveAsync(cache, Tag);
        Assert.Equal((null, null), (lookup.Platforms, lookup.Pending));
        Assert.Null((await ResolveAsync(cache, "reg.example/none:1")).Platforms);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(cache.Lookup(Tag, "ns", []).Pending);
        Assert.Equal(2, _registry.Gets);

        _registry.Failing.Clear();
        _time.Advance(TimeSpan.FromSeconds(2));
        cache.Lookup(Tag, "ns", []);
        await Eventually(() => cache.Lookup(Tag, "ns", []).Platforms is not null);
    }

    [Fact]
    public async Task A_registry_that_does_not_answer_times_out_into_no_opinion()
    {
        _registry.Gate = new TaskCompletionSource();
        var cache = Cache();
        var pending = cache.Lookup(Tag, "ns", []).Pending!;
        await Eventually(() => _registry.Gets == 1);
        _time.Advance(TimeSpan.FromSeconds(4));
        await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((null, null), (cache.Lookup(Tag, "ns", []).Platforms, cache.Lookup(Tag, "ns", []).Pending));
    }

    [Fact]
    public async Task Pull_secrets_give_the_credential_and_their_own_entry()
    {
        var credential = new RegistryCredential("u", "p");
        var credentials = Substitute.For<IPullSecretCredentials>();
        credentials.GetAsync("ns", Arg.Is<IReadOnlyList<string>>(s => s.SequenceEqual(new[] { "pull" })), Tag, Arg.Any<CancellationToken>()).Returns(credential);
        var cache = Cache(credentials);

        Assert.Equal([Linux], (await ResolveAsync(cache, Tag, "pull")).Platforms);
        Assert.Equal([Linux], (await ResolveAsync(cache, Tag)).Platforms);
        Assert.Equal([credential, null], _registry.Credentials);
    }

    [Fact]
    public async Task The_cache_is_bounded()
    {
        for (var i = 0; i < 3; i++)
        {
            _registry.With($"reg.example/app:{i}", $"sha256:{i}", Linux);
        }

        var cache = Cache(options: _options with { MaxEntries = 2 });
        for (var i = 0; i < 3; i++)
        {
            await ResolveAsync(cache, $"reg.example/app:{i}");
        }

        Assert.Equal(2, cache.Count);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
