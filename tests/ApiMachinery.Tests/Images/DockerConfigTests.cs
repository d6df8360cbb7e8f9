using System.Text;
using k8s.Models;
using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.ApiMachinery.Tests.Images;

/// <summary>Credentials from pull Secrets, matched as the kubelet's keyring matches them (simplified, see DockerConfig).</summary>
public sealed class DockerConfigTests
{
    [Fact]
    public void Parse_DockerConfigJson_ReadsAuthOverUsernameAndPassword()
    {
        var secret = Secret(DockerConfig.DockerConfigJsonType, DockerConfig.DockerConfigJsonKey, $$$"""
            {"auths": {
              "https://index.docker.io/v1/": {"auth": "{{{B64("hub:secret")}}}", "username": "ignored", "password": "ignored"},
              "127.0.0.1:5000": {"username": "u", "password": "p:with:colons"}
            }}
            """);

        var credentials = DockerConfig.Parse(secret);

        Assert.Equal([new DockerCredential("docker.io", "hub", "secret"), new DockerCredential("127.0.0.1:5000", "u", "p:with:colons")], credentials);
    }

    [Fact]
    public void Parse_DockerCfg_HasNoAuthsWrapper()
    {
        var secret = Secret(DockerConfig.DockerCfgType, DockerConfig.DockerCfgKey, $$$"""{"registry.example.com": {"auth": "{{{B64("a:b")}}}"}}""");

        Assert.Equal([new DockerCredential("registry.example.com", "a", "b")], DockerConfig.Parse(secret));
    }

    [Fact]
    public void Parse_OtherSecretTypes_HaveNoCredentials() =>
        Assert.Empty(DockerConfig.Parse(Secret("Opaque", DockerConfig.DockerConfigJsonKey, "{}")));

    [Theory]
    [InlineData(DockerConfig.DockerConfigJsonType, ".other", "{}", "has no .dockerconfigjson key")]
    [InlineData(DockerConfig.DockerConfigJsonType, DockerConfig.DockerConfigJsonKey, "{\"x\":1}", "has no \"auths\" object")]
    [InlineData(DockerConfig.DockerConfigJsonType, DockerConfig.DockerConfigJsonKey, "not json", "is not JSON")]
    [InlineData(DockerConfig.DockerCfgType, DockerConfig.DockerCfgKey, "{\"r\": {\"auth\": \"!!\"}}", "auth is not base64")]
    [InlineData(DockerConfig.DockerCfgType, DockerConfig.DockerCfgKey, "{\"r\": {\"auth\": \"bm9jb2xvbg==\"}}", "auth is not base64 of user:password")]
    public void Parse_Malformed_SaysWhatIsWrong(string type, string key, string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => DockerConfig.Parse(Secret(type, key, json)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("secret ns/pull", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("registry-1.docker.io", "docker.io")]
    [InlineData("http://Registry.Example.com:5000/v2/", "registry.example.com:5000")]
    [InlineData("registry.example.com/team/", "registry.example.com/team")]
    public void NormalizeKey_DropsSchemeAndApiVersion(string key, string expected) =>
        Assert.Equal(expected, DockerConfig.NormalizeKey(key));

    [Theory]
    [InlineData("busybox", "docker.io")]
    [InlineData("registry.example.com/team/app:v1", "registry.example.com/team")]
    [InlineData("registry.example.com/other/app", "registry.example.com")]
    [InlineData("eu.registry.example.com/app", "*.registry.example.com")]
    [InlineData("127.0.0.1:5000/app", "127.0.0.1:5000")]
    [InlineData("127.0.0.1:5001/app", null)]
    [InlineData("127.0.0.1/app", null)]
    [InlineData("other.example.com/app", null)]
    [InlineData("registry.example.com/teamx/app", "registry.example.com")]
    public void Lookup_PicksTheLongestMatchingKey(string image, string? expectedKey)
    {
        DockerCredential[] credentials =
        [
            new("docker.io", "hub", "x"),
            new("registry.example.com", "any", "x"),
            new("registry.example.com/team", "team", "x"),
            new("*.registry.example.com", "glob", "x"),
            new("127.0.0.1:5000", "local", "x"),
        ];

        Assert.Equal(expectedKey, DockerConfig.Lookup(credentials, ImageName.Parse(image))?.Key);
    }

    [Fact]
    public void Lookup_AmongEqualKeys_TheFirstSecretWins()
    {
        DockerCredential[] credentials = [new("r.example", "first", "1"), new("r.example", "second", "2")];

        Assert.Equal("first", DockerConfig.Lookup(credentials, ImageName.Parse("r.example/app"))!.Username);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static V1Secret Secret(string type, string key, string json) => new()
    {
        Metadata = new V1ObjectMeta { Name = "pull", NamespaceProperty = "ns" },
        Type = type,
        Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(json) },
    };
}
