using System.Globalization;
using System.Text;

namespace Orchestrator.Bench;

/// <summary>
/// The create benchmarks' pod POSTs over HTTP, sent as kubectl sends them, by one of two load generators: the
/// <see cref="RawHttpClient"/> (the default: pre-encoded requests over keep-alive connections) or
/// <see cref="HttpClient"/> (<c>--httpclient</c>, what the benchmark used before). Both send the same request line,
/// headers and body, so the server does the same work; only the client's own CPU differs.
/// </summary>
internal sealed class PodCreates : IDisposable
{
    private readonly Uri _address;
    private readonly RawHttpClient? _raw;
    private readonly HttpClient? _http;

    private PodCreates(Uri address, RawHttpClient? raw, HttpClient? http)
    {
        _address = address;
        _raw = raw;
        _http = http;
    }

    /// <summary>Which load generator runs, for the benchmark's output.</summary>
    public string Client => _raw is not null
        ? "raw HTTP/1.1 client (pre-encoded requests, keep-alive connections; --httpclient for HttpClient)"
        : "HttpClient (SocketsHttpHandler)";

    public static async Task<PodCreates> OpenAsync(Uri address, int concurrency, bool useHttpClient) =>
        useHttpClient
            ? new PodCreates(address, null, new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, ActivityHeadersPropagator = null }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) })
            : new PodCreates(address, await RawHttpClient.ConnectAsync(address, concurrency), null);

    /// <summary>Whether the command line asks for HttpClient instead of the raw client.</summary>
    public static bool WantsHttpClient(string[] args) => args.Contains("--httpclient");

    /// <summary>Creates pod <c>{prefix}{i:D6}</c> in <paramref name="ns"/>, its request encoded when it is sent (for warm-ups).</summary>
    public Func<int, Task> OnTheFly(string ns, string prefix) => i => CreateAsync(ns, Name(prefix, i), null);

    /// <summary>As <see cref="OnTheFly"/> for i below <paramref name="count"/>, with the raw client's requests encoded beforehand.</summary>
    public Func<int, Task> Prepared(string ns, string prefix, int count)
    {
        if (_raw is null)
        {
            return OnTheFly(ns, prefix);
        }

        var requests = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            requests[i] = Encode(ns, Name(prefix, i));
        }

        return i => CreateAsync(ns, Name(prefix, i), requests[i]);
    }

    public void Dispose()
    {
        _raw?.Dispose();
        _http?.Dispose();
    }

    private static string Name(string prefix, int i) => prefix + i.ToString("D6", CultureInfo.InvariantCulture);

    private static string Path(string ns) => $"/api/v1/namespaces/{ns}/pods";

    private byte[] Encode(string ns, string name) => RawHttpClient.EncodeCreate(_address, Path(ns), BenchPod.Json(name));

    private async Task CreateAsync(string ns, string name, byte[]? encoded)
    {
        if (_raw is not null)
        {
            var (status, body) = await _raw.SendAsync(encoded ?? Encode(ns, name));
            if (status != 201)
            {
                throw new InvalidOperationException($"create failed: {status} {Encoding.UTF8.GetString(body.Span)}");
            }

            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Path(ns) + "?fieldManager=kubectl-create&fieldValidation=Strict")
        {
            Content = new StringContent(BenchPod.Json(name), Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        RawHttpClient.AddKubectlHeaders(request);
        using var response = await _http!.SendAsync(request);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
