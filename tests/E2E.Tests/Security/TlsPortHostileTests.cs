using CsCheck;
using Xunit.Abstractions;

namespace Orchestrator.E2E.Tests.Security;

/// <summary>
/// Property test of the TLS port: random bytes, truncated ClientHellos, and oversized headers and bodies inside
/// TLS never take the server down; after each case a new TLS client still gets <c>/version</c>. Seeded (set
/// TLS_HOSTILE_SEED to replay another run).
/// </summary>
public sealed class TlsPortHostileTests(SqliteServerFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteServerFixture>
{
    private const ulong DefaultSeed = 20261206;

    private int Port => fixture.Server.Address.Port;

    [Fact]
    public async Task Random_bytes_and_truncated_client_hellos_leave_the_server_answering()
    {
        var random = Random();
        var hello = await TlsProbe.ClientHelloAsync();
        var cases = Gen.OneOf(
            Gen.Byte.Array[0, 2048].Select(bytes => ("random bytes", bytes)),
            Gen.Int[1, hello.Length - 1].Select(cut => ("ClientHello cut at " + cut, hello[..cut])),
            Gen.Select(Gen.Int[5, hello.Length - 1], Gen.Int[0, 255], (at, value) => ("ClientHello with byte " + at + " = " + value, Mutate(hello, at, (byte)value))),
            Gen.Byte.Array[0, 512].Select(tail => ("TLS record header and junk", (byte[])[0x16, 0x03, 0x01, 0xFF, 0xFF, .. tail])));
        for (var i = 0; i < 60; i++)
        {
            var (what, bytes) = cases.Generate(random, null, out _);
            await TlsProbe.SendRawAsync(Port, bytes);
            await AssertAnswersAsync($"#{i} {what} ({bytes.Length} bytes)");
        }
    }

    [Fact]
    public async Task Oversized_headers_and_bodies_inside_tls_get_an_error_status_and_leave_the_server_answering()
    {
        var random = Random();
        var tls = fixture.Server.TlsOptions();
        var headerSize = Gen.Int[(1 << 20) + 1, 2 << 20];
        var bodySize = Gen.Int[(3 << 20) + 1, 5 << 20];
        for (var i = 0; i < 6; i++)
        {
            var header = new string('a', headerSize.Generate(random, null, out _));
            var code = await TlsProbe.SendOverTlsAsync(Port, tls, $"GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {header}\r\nConnection: close\r\n\r\n", []);
            Assert.True(code is 0 or 431, $"#{i} a {header.Length}-byte header answered {code}");
            await AssertAnswersAsync($"#{i} {header.Length}-byte header");

            var body = new byte[bodySize.Generate(random, null, out _)];
            random.Next();
            code = await TlsProbe.SendOverTlsAsync(Port, tls, $"POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n", body);
            Assert.True(code is 0 or 413, $"#{i} a {body.Length}-byte body answered {code}");
            await AssertAnswersAsync($"#{i} {body.Length}-byte body");
        }
    }

    [Fact]
    public async Task Plain_http_on_the_tls_port_gets_no_http_answer_and_there_is_no_plain_listener_by_default()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/version")));
        Assert.Null(fixture.Server.InsecureAddress);
        Assert.Contains("API server https://127.0.0.1:", fixture.Server.Output, StringComparison.Ordinal);
        await AssertAnswersAsync("plain HTTP on the TLS port");
    }

    private PCG Random()
    {
        var seed = Environment.GetEnvironmentVariable("TLS_HOSTILE_SEED") is { Length: > 0 } text ? ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : DefaultSeed;
        output.WriteLine($"seed {seed}");
        return new PCG(1, seed);
    }

    private async Task AssertAnswersAsync(string after)
    {
        Assert.False(fixture.Server.HasExited, $"the server exited after {after}:\n{fixture.Server.Output}");
        using var http = fixture.Server.CreateHttpClient(TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync("/version");
        Assert.True(response.IsSuccessStatusCode, $"/version answered {(int)response.StatusCode} after {after}");
    }

    private static byte[] Mutate(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }
}
