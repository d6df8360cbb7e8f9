using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.ApiMachinery.Tests.Images;

/// <summary>Image references normalised as distribution's reference.ParseNormalizedNamed does.</summary>
public sealed class ImageNameTests
{
    private const string Sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null, "registry-1.docker.io")]
    [InlineData("busybox:1.35", "docker.io", "library/busybox", "1.35", null, "registry-1.docker.io")]
    [InlineData("library/busybox", "docker.io", "library/busybox", "latest", null, "registry-1.docker.io")]
    [InlineData("bitnami/nginx:1.2", "docker.io", "bitnami/nginx", "1.2", null, "registry-1.docker.io")]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", "latest", null, "registry-1.docker.io")]
    [InlineData("index.docker.io/library/busybox", "docker.io", "library/busybox", "latest", null, "registry-1.docker.io")]
    [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2022", "mcr.microsoft.com", "windows/nanoserver", "ltsc2022", null, "mcr.microsoft.com")]
    [InlineData("127.0.0.1:5000/app:v1", "127.0.0.1:5000", "app", "v1", null, "127.0.0.1:5000")]
    [InlineData("localhost/app", "localhost", "app", "latest", null, "localhost")]
    [InlineData("localhost:5000/team/app:v1@" + Sha, "localhost:5000", "team/app", "v1", Sha, "localhost:5000")]
    [InlineData("app@" + Sha, "docker.io", "library/app", null, Sha, "registry-1.docker.io")]
    [InlineData("my-registry:5000/a_b/c__d-e.f", "my-registry:5000", "a_b/c__d-e.f", "latest", null, "my-registry:5000")]
    public void Parse_SplitsDomainRepositoryTagAndDigest(string image, string domain, string repository, string? tag, string? digest, string host)
    {
        var name = ImageName.Parse(image);

        Assert.Equal(new ImageName(domain, repository, tag, digest), name);
        Assert.Equal(host, name.RegistryHost);
        Assert.Equal(digest ?? tag, name.Reference);
    }

    [Theory]
    [InlineData("", "image reference is empty")]
    [InlineData("Busybox", "repository \"library/Busybox\" must be lowercase")]
    [InlineData("app:", "tag \"\" is not")]
    [InlineData("app:v1@sha256:abc", "digest \"sha256:abc\" is not algorithm:hex")]
    [InlineData("app@latest", "digest \"latest\"")]
    [InlineData("example.com/", "repository \"\"")]
    public void TryParse_RejectsMalformed_SayingWhy(string image, string reason)
    {
        Assert.False(ImageName.TryParse(image, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ImageName.Parse(image));
    }

    [Fact]
    public void ToString_IsTheFullyQualifiedReference()
    {
        Assert.Equal("docker.io/library/busybox:latest", ImageName.Parse("busybox").ToString());
        Assert.Equal($"127.0.0.1:5000/app:v1@{Sha}", ImageName.Parse($"127.0.0.1:5000/app:v1@{Sha}").ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:5000/app:v1", "127.0.0.1:5000/app:v1@" + Sha)]
    [InlineData("app:v1@sha256:1111111111111111111111111111111111111111111111111111111111111111", "app:v1@" + Sha)]
    [InlineData("busybox", "busybox@" + Sha)]
    public void WithDigest_KeepsTheNameAsWritten(string image, string expected)
    {
        Assert.Equal(expected, ImageName.WithDigest(image, Sha));
        Assert.Equal(image.Split('@')[0], ImageName.WithoutDigest(image));
    }
}
