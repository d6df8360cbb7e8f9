using System.Net.Sockets;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Etcd;

public sealed class EtcdServerTests
{
    [Fact]
    public async Task An_etcd_server_answers_on_loopback_and_leaves_nothing_behind()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = await EtcdServer.StartAsync(timeout.Token);
        var directory = server.Directory;
        var endpoint = server.ClientUrl;
        try
        {
            Assert.Equal("127.0.0.1", endpoint.Host);
            Assert.True(File.Exists(server.LogPath));
            using var http = new HttpClient();
            Assert.Contains("\"true\"", await http.GetStringAsync(new Uri(endpoint, "/health"), timeout.Token), StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(Directory.Exists(directory));
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(async () => await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token));
    }
}
