using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Orchestrator.Client.Registry;
using Orchestrator.ControllerManager.Controllers.ImageUpdate;

namespace Orchestrator.ControllerManager.Tests.Controllers.ImageUpdate;

/// <summary>One HEAD per tag per interval, the ETag sent back, and per-image back-off.</summary>
public sealed class ImageTrackerTests
{
    private const string Tag = "r.example/app:v1";
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private readonly IRegistryClient _registry = Substitute.For<IRegistryClient>();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly ImageTracker _tracker;

    public ImageTrackerTests()
    {
        _tracker = new ImageTracker(_registry, _time, new ImageUpdateOptions { Interval = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(40) });
    }

    [Fact]
    public async Task ChecksOncePerInterval_ThenSendsTheETag_AndKeepsTheDigestOn304()
    {
        _registry.HeadManifestAsync(Tag, null, null, Arg.Any<CancellationToken>()).Returns(new ManifestHead(ManifestHeadStatus.Found, D1, "\"e1\""));
        _registry.HeadManifestAsync(Tag, null, "\"e1\"", Arg.Any<CancellationToken>()).Returns(new ManifestHead(ManifestHeadStatus.NotModified, null, "\"e1\""));

        var first = await _tracker.CheckAsync(Tag, null, CancellationToken.None);
        var cached = await _tracker.CheckAsync(Tag, null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        var revalidated = await _tracker.CheckAsync(Tag, null, CancellationToken.None);

        Assert.Equal(new ImageCheck(D1, null, DateTimeOffset.UnixEpoch.AddSeconds(9)), first);
        Assert.Equal(first, cached);
        Assert.Equal(D1, revalidated.Digest);
        await _registry.Received(2).HeadManifestAsync(Tag, null, Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _registry.Received(1).HeadManifestAsync(Tag, null, "\"e1\"", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Failures_BackOffExponentially_AndASuccessResets()
    {
        _registry.HeadManifestAsync(Tag, null, Arg.Any<string?>(), Arg.Any<CancellationToken>()).Throws(new RegistryException("down"));

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var check = await _tracker.CheckAsync(Tag, null, CancellationToken.None);
            Assert.Null(check.Digest);
            Assert.StartsWith("down (failure", check.Error, StringComparison.Ordinal);
            waits.Add(check.NextCheck - _time.GetUtcNow());
            _time.Advance(check.NextCheck - _time.GetUtcNow());
        }

        _registry.HeadManifestAsync(Tag, null, Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(new ManifestHead(ManifestHeadStatus.Found, D2, null));
        var recovered = await _tracker.CheckAsync(Tag, null, CancellationToken.None);

        Assert.Equal([10, 20, 40, 40], waits.Select(w => (int)w.TotalSeconds));
        Assert.Equal(new ImageCheck(D2, null, _time.GetUtcNow().AddSeconds(9)), recovered);
    }

    [Fact]
    public async Task AMissingTag_IsAFailure_NotAChange()
    {
        _registry.HeadManifestAsync(Tag, null, null, Arg.Any<CancellationToken>()).Returns(new ManifestHead(ManifestHeadStatus.NotFound, null, null));

        var check = await _tracker.CheckAsync(Tag, null, CancellationToken.None);

        Assert.Null(check.Digest);
        Assert.StartsWith($"{Tag}: the registry has no such tag (404) (failure 1", check.Error, StringComparison.Ordinal);
    }
}
