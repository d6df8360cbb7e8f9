using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Kubelet.Probes.Network;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

/// <summary>httpGet lifecycle hooks go through the probes' client: named ports and httpHeaders work, as upstream.</summary>
public sealed class LifecycleHooksTests
{
    [Theory]
    [InlineData("200 OK", true)]
    [InlineData("500 Internal Server Error", false)]
    public async Task HttpGet_to_a_named_port_sends_the_headers(string status, bool succeeds)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = ServeOnceAsync(listener, status);

        using var network = new NetworkProber();
        var hooks = new LifecycleHooks(null!, network, TimeProvider.System);
        var container = new V1Container { Name = "web", Ports = [new V1ContainerPort { Name = "http-hook", ContainerPort = port }] };
        var handler = new V1LifecycleHandler
        {
            HttpGet = new V1HTTPGetAction
            {
                Port = "http-hook",
                Path = "/prestop?drain=1",
                HttpHeaders = [new V1HTTPHeader { Name = "X-Token", Value = "t0ken" }],
            },
        };

        var error = await hooks.RunAsync(handler, container, "cid", "127.0.0.1", TimeSpan.FromSeconds(5), CancellationToken.None);
        var request = await served;

        Assert.StartsWith("GET /prestop?drain=1 HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Token: t0ken\r\n", request, StringComparison.Ordinal);
        if (succeeds)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains("HTTP lifecycle hook (/prestop?drain=1) for Container \"web\" failed", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_named_port_is_an_error_not_an_exception()
    {
        using var network = new NetworkProber();
        var hooks = new LifecycleHooks(null!, network, TimeProvider.System);
        var handler = new V1LifecycleHandler { HttpGet = new V1HTTPGetAction { Port = "missing" } };
        var error = await hooks.RunAsync(handler, new V1Container { Name = "web" }, "cid", "127.0.0.1", TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal("couldn't find port: missing in container web", error);
    }

    private static async Task<string> ServeOnceAsync(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.Latin1.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return head.ToString();
    }
}
