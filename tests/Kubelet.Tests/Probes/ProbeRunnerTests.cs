using k8s.Models;
using Orchestrator.Kubelet.Probes;

namespace Orchestrator.Kubelet.Tests.Probes;

public sealed class ProbeRunnerTests
{
    private static readonly V1Container App = new()
    {
        Name = "app",
        Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }, new V1ContainerPort { Name = "bad", ContainerPort = 0 }],
    };

    [Theory]
    [InlineData(null, null, "8080", "/healthz", "http://10.1.0.5:8080/healthz")]
    [InlineData("HTTPS", "example.test", "443", "/", "https://example.test/")]
    [InlineData(null, null, "http", "/a?b=c", "http://10.1.0.5:8080/a?b=c")]
    [InlineData("HTTP", null, "81", null, "http://10.1.0.5:81/")]
    [InlineData(null, "fd00::5", "80", "/x", "http://[fd00::5]/x")]
    public void Builds_the_url_from_scheme_host_port_and_path(string? scheme, string? host, string port, string? path, string expected)
    {
        var get = new V1HTTPGetAction { Scheme = scheme, Host = host, Port = port, Path = path };
        Assert.Equal(expected, ProbeRunner.HttpUrl(get, App, "10.1.0.5").ToString());
    }

    [Theory]
    [InlineData("metrics", "couldn't find port: metrics in container app")]
    [InlineData("bad", "invalid port number: 0")]
    [InlineData("70000", "invalid port number: 70000")]
    public void Unresolvable_ports_are_probe_errors(string port, string message)
    {
        var error = Assert.Throws<ProbeErrorException>(() => ProbeRunner.ResolvePort(port, App));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_unknown_scheme_is_a_probe_error()
    {
        Assert.Throws<ProbeErrorException>(() => ProbeRunner.HttpUrl(new V1HTTPGetAction { Scheme = "ftp", Port = "80" }, App, "10.1.0.5"));
    }
}
