using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

public sealed class RegistryMirrorTests
{
    [Theory]
    [InlineData("docker.io", "https://registry-1.docker.io")]
    [InlineData("registry.test:5000", "https://registry.test:5000")]
    public void Renders_hosts_toml_with_the_mirror_for_pull_and_resolve(string registry, string server) =>
        Assert.Equal($"""
            server = "{server}"

            [host."http://127.0.0.1:5000"]
              capabilities = ["pull", "resolve"]

            """, RegistryMirror.Render(registry, new Uri("http://127.0.0.1:5000/")));

    [Theory]
    [InlineData("ftp://127.0.0.1:5000/")]
    [InlineData("http://127.0.0.1:5000/v2/")]
    public void Refuses_a_mirror_that_is_not_a_plain_http_base(string mirror) =>
        Assert.Throws<ArgumentException>(() => RegistryMirror.Render("docker.io", new Uri(mirror)));

    [Fact]
    public void Writes_one_directory_per_registry()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"certs-{Guid.NewGuid():N}");
        try
        {
            var path = RegistryMirror.Write(dir, "docker.io", new Uri("http://127.0.0.1:5000"));

            Assert.Equal(Path.Combine(dir, "docker.io", "hosts.toml"), path);
            Assert.Equal([path], Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
            Assert.Throws<ArgumentException>(() => RegistryMirror.Write(dir, "../x", new Uri("http://127.0.0.1:5000")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
