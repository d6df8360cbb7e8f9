using System.Net;
using System.Net.Sockets;
using Orchestrator.ApiMachinery.Images;
using Orchestrator.Client.Registry;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Registry;

/// <summary>RegistryClient against a real docker-registry (distribution) holding images pushed by TestImages.</summary>
public sealed class RegistryClientTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryClient _client = new();

    private string Host => fixture.Registry.Host;

    [Fact]
    public async Task HeadManifest_Tag_GivesDigestAndETag_AndTheETagGivesNotModified()
    {
        var digest = await fixture.Images.PushManifestAsync("head/app", "v1", new ImagePlatform("linux", "amd64"));

        var head = await _client.HeadManifestAsync($"{Host}/head/app:v1", null, null, CancellationToken.None);
        var again = await _client.HeadManifestAsync($"{Host}/head/app:v1", null, head.ETag, CancellationToken.None);

        Assert.Equal(new ManifestHead(ManifestHeadStatus.Found, digest, $"\"{digest}\""), head);
        Assert.Equal(ManifestHeadStatus.NotModified, again.Status);
        Assert.Null(again.Digest);
    }

    [Fact]
    public async Task HeadManifest_MovedTag_GivesTheNewDigest_EvenWithTheOldETag()
    {
        var old = await fixture.Images.PushManifestAsync("moved/app", "v1", new ImagePlatform("linux", "amd64"));
        var first = await _client.HeadManifestAsync($"{Host}/moved/app:v1", null, null, CancellationToken.None);

        var moved = await fixture.Images.MoveTagAsync("moved/app", "v1");
        var second = await _client.HeadManifestAsync($"{Host}/moved/app:v1", null, first.ETag, CancellationToken.None);

        Assert.Equal(old, first.Digest);
        Assert.NotEqual(old, moved);
        Assert.Equal(new ManifestHead(ManifestHeadStatus.Found, moved, $"\"{moved}\""), second);
    }

    [Fact]
    public async Task HeadManifest_UnknownTagOrRepository_IsNotFound()
    {
        await fixture.Images.PushManifestAsync("known/app", "v1", new ImagePlatform("linux", "amd64"));

        Assert.Equal(ManifestHeadStatus.NotFound, (await _client.HeadManifestAsync($"{Host}/known/app:v2", null, null, CancellationToken.None)).Status);
        Assert.Equal(ManifestHeadStatus.NotFound, (await _client.HeadManifestAsync($"{Host}/unknown/app:v1", null, null, CancellationToken.None)).Status);
        Assert.Null(await _client.GetPlatformsAsync($"{Host}/unknown/app:v1", null, CancellationToken.None));
    }

    [Theory]
    [InlineData(TestImages.OciIndex)]
    [InlineData(TestImages.DockerManifestList)]
    public async Task GetPlatforms_Index_ListsEveryEntrysPlatform(string mediaType)
    {
        ImagePlatform[] platforms =
        [
            new("linux", "amd64", OsFeatures: []),
            new("linux", "arm64", "v8", OsFeatures: []),
            new("windows", "amd64", null, "10.0.17763.1879", ["win32k"]),
        ];
        var digest = await fixture.Images.PushIndexAsync("multi/app", "v1", platforms, mediaType);

        var found = await _client.GetPlatformsAsync($"{Host}/multi/app:v1", null, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(digest, found.Digest);
        Assert.Equal(platforms.Select(Text), found.Platforms.Select(Text));
    }

    [Theory]
    [InlineData(TestImages.OciManifest)]
    [InlineData(TestImages.DockerManifest)]
    public async Task GetPlatforms_SingleManifest_ReadsThePlatformFromTheConfigBlob(string mediaType)
    {
        var platform = new ImagePlatform("windows", "amd64", null, "10.0.20348.2227", []);
        var digest = await fixture.Images.PushManifestAsync("single/app", "v1", platform, mediaType);

        var byTag = await _client.GetPlatformsAsync($"{Host}/single/app:v1", null, CancellationToken.None);
        var byDigest = await _client.GetPlatformsAsync($"{Host}/single/app@{digest}", null, CancellationToken.None);

        Assert.Equal(digest, byTag!.Digest);
        Assert.Equal(Text(platform), Text(Assert.Single(byTag.Platforms)));
        Assert.Equal(digest, byDigest!.Digest);
        Assert.Equal(Text(platform), Text(Assert.Single(byDigest.Platforms)));
    }

    [Fact]
    public async Task Unreachable_IsARegistryException()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<RegistryException>(() => _client.HeadManifestAsync($"127.0.0.1:{port}/app:v1", null, null, CancellationToken.None));

        Assert.Contains($"http://127.0.0.1:{port}/v2/app/manifests/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedReference_IsARegistryException() =>
        Assert.Contains("invalid reference format", (await Assert.ThrowsAsync<RegistryException>(() => _client.GetPlatformsAsync("Bad/Name", null, CancellationToken.None))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry-1.docker.io", false)]
    [InlineData("10.0.0.1:5000", false)]
    [InlineData("localhost.example.com", false)]
    public void PlainHttp_OnlyForLoopback_AsContainerdDefaults(string host, bool plain) =>
        Assert.Equal(plain, _client.IsPlainHttp(host));

    public void Dispose() => _client.Dispose();

    private static string Text(ImagePlatform p) => $"{p.Os}/{p.Architecture}/{p.Variant}/{p.OsVersion}/{string.Join(',', p.OsFeatures ?? [])}";
}
