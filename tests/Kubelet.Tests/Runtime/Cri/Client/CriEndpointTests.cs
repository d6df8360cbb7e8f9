using Orchestrator.Kubelet.Runtime.Cri.Client.Connect;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

public sealed class CriEndpointTests
{
    [Theory]
    [InlineData("unix:///run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("unix:///tmp/x/c.sock", "/tmp/x/c.sock")]
    public void Unix_endpoints_name_an_absolute_socket_path(string endpoint, string path)
    {
        var connector = Assert.IsType<UnixSocketConnector>(CriEndpoint.Parse(endpoint));
        Assert.Equal(path, connector.SocketPath);
        Assert.Equal(endpoint, connector.Endpoint);
    }

    [Theory]
    [InlineData("npipe://./pipe/containerd-containerd", ".", "containerd-containerd")]
    [InlineData("npipe:////./pipe/containerd-containerd", ".", "containerd-containerd")]
    [InlineData(@"npipe://\\.\pipe\dockershim", ".", "dockershim")]
    [InlineData("npipe://host1/pipe/p", "host1", "p")]
    public void Npipe_endpoints_name_server_and_pipe(string endpoint, string server, string pipe)
    {
        var connector = Assert.IsType<NamedPipeConnector>(CriEndpoint.Parse(endpoint));
        Assert.Equal(server, connector.ServerName);
        Assert.Equal(pipe, connector.PipeName);
        Assert.Equal($@"\\{server}\pipe\{pipe}", connector.Endpoint);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1234", "not supported")]
    [InlineData("/run/containerd/containerd.sock", "not supported")]
    [InlineData("http://localhost", "not supported")]
    [InlineData("unix://relative.sock", "absolute")]
    [InlineData("npipe://./containerd", "npipe://<server>/pipe/<name>")]
    [InlineData("npipe://./pipe/", "npipe://<server>/pipe/<name>")]
    [InlineData("npipe://./notpipe/x", "npipe://<server>/pipe/<name>")]
    public void Unsupported_endpoints_are_rejected_with_a_clear_message(string endpoint, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CriEndpoint.Parse(endpoint));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }
}
