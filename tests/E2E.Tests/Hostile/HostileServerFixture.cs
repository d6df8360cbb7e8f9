using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>
/// One `orchestrator up` process (API server only, GC heap capped so a regression fails as an
/// error instead of exhausting the machine) shared by the hostile-input suite. It holds the
/// suite's invariants: the process survives every request, read-only cases leave the store
/// revision where it was, and resident memory grows by at most <see cref="RssGrowthLimit"/>.
/// A crashed process is reported and restarted so later cases still give an answer. Requests
/// through <see cref="Http"/> go over TLS with the admin certificate, as any client's do; raw
/// requests that test HTTP parsing itself go to the plain-HTTP <c>--insecure-port</c> listener.
/// </summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    /// <summary>Where cases that legitimately create objects create them.</summary>
    public const string Namespace = "hostile";

    /// <summary>A Secret in `default` that path tricks must never reveal.</summary>
    public const string SecretName = "hostile-secret";

    /// <summary>A ConfigMap in <see cref="Namespace"/> that patch cases target.</summary>
    public const string PatchTarget = "hostile-patch-target";

    public const long RssGrowthLimit = 100L * 1024 * 1024;

    private static readonly Dictionary<string, string> Environment = new()
    {
        // 256 MiB of managed heap (a 3 MiB body decodes to well under that): alias expansion or runaway recursion fails inside the process.
        ["DOTNET_GCHeapHardLimit"] = "0x10000000",
    };

    private readonly List<string> _crashes = [];
    private long _accountedWrites;
    private int _starts;

    internal OrchestratorProcess Server { get; private set; } = null!;

    internal HttpClient Http { get; private set; } = null!;

    /// <summary>Where raw requests go: the plain-HTTP loopback listener (the same server, without TLS).</summary>
    internal Uri RawAddress => Server.InsecureAddress!;

    internal long BaselineRevision { get; private set; }

    internal long BaselineRss { get; private set; }

    public int Pid => Server.Pid;

    public async Task InitializeAsync() => await StartAsync();

    public async Task DisposeAsync()
    {
        var problems = new List<string>(_crashes);
        try
        {
            if (!Server.HasExited)
            {
                var revision = await StoreRevisionAsync();
                if (revision != BaselineRevision + _accountedWrites)
                {
                    problems.Add($"store revision {revision} at the end, expected {BaselineRevision} + {_accountedWrites} accounted writes");
                }

                var growth = ReadRssBytes() - BaselineRss;
                if (growth > RssGrowthLimit)
                {
                    problems.Add($"resident memory grew by {growth / (1024 * 1024)} MiB across the suite (limit {RssGrowthLimit / (1024 * 1024)} MiB)");
                }
            }
        }
        finally
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("hostile-input suite invariants violated:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>The store's global revision: a paged list reads the store, not the watch cache.</summary>
    internal async Task<long> StoreRevisionAsync()
    {
        var list = JsonNode.Parse(await Http.GetStringAsync("/api/v1/configmaps?limit=1"))!;
        return long.Parse(list["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    /// <summary>VmRSS of the server process, in bytes.</summary>
    internal long ReadRssBytes()
    {
        var line = File.ReadLines($"/proc/{Server.Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    /// <summary>
    /// Runs one case. With <paramref name="expectedWrites"/> = 0 the store revision must not move;
    /// null lets the case write (in <see cref="Namespace"/>) and accounts for what it wrote.
    /// </summary>
    internal async Task RunCaseAsync(Func<Task> body, long? expectedWrites = 0)
    {
        await EnsureRunningAsync();
        var before = await StoreRevisionAsync();
        var rssBefore = ReadRssBytes();
        var starts = _starts;
        await body();
        AssertAlive("after the case");
        if (starts != _starts)
        {
            // The case restarted a crashed process (and failed for it): there is no revision to compare.
            return;
        }

        var written = await StoreRevisionAsync() - before;
        if (expectedWrites is { } expected)
        {
            Assert.True(written == expected, $"the case moved the store revision by {written}, expected {expected}");
        }

        _accountedWrites += written;
        var growth = ReadRssBytes() - rssBefore;
        Assert.True(growth <= RssGrowthLimit, $"resident memory of the server grew by {growth / (1024 * 1024)} MiB during the case (limit {RssGrowthLimit / (1024 * 1024)} MiB)");
    }

    /// <summary>Sends one request through HttpClient and checks the process survived it.</summary>
    internal async Task<Answer> SendAsync(HttpMethod method, string target, string? contentType = null, byte[]? body = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var warnings = response.Headers.NonValidated.TryGetValues("Warning", out var values) ? values.ToList() : [];
            AssertAlive($"after {method} {target}");
            return new Answer((int)response.StatusCode, bytes, clock.Elapsed, warnings);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A dying process drops the connection a moment before it is reaped.
            await Server.WaitForExitAsync(TimeSpan.FromSeconds(e is HttpRequestException ? 3 : 0));
            AssertAlive($"after {method} {target} failed ({e.Message})");
            throw;
        }
    }

    internal Task<Answer> SendAsync(HttpMethod method, string target, string contentType, string body) =>
        SendAsync(method, target, contentType, Encoding.UTF8.GetBytes(body));

    /// <summary>Sends a raw request line and headers (Host and Connection: close are added) over a bare socket.</summary>
    internal async Task<Answer> SendRawAsync(string requestLine, IEnumerable<string>? headers = null, byte[]? body = null, bool shutdownSend = false)
    {
        var head = string.Join("\r\n", new[] { requestLine, $"Host: {RawAddress.Authority}", "Connection: close" }.Concat(headers ?? []));
        var answer = await RawHttp.SendAsync(RawAddress, head, body, shutdownSend);
        await Server.WaitForExitAsync(TimeSpan.FromMilliseconds(answer.Code == 0 ? 3000 : 0));
        AssertAlive($"after raw request {(requestLine.Length > 80 ? requestLine[..80] + "…" : requestLine)}");
        return answer;
    }

    internal void AssertAlive(string when)
    {
        if (Server.HasExited)
        {
            var crash = $"orchestrator (PID {Server.Pid}) exited with code {Server.ExitCode} {when}; last output:\n{Tail(Server.Output)}";
            _crashes.Add(crash);
            Assert.Fail(crash);
        }
    }

    /// <summary>Starts a fresh process when the current one has exited (a crash already reported by <see cref="AssertAlive"/>).</summary>
    internal async Task EnsureRunningAsync()
    {
        if (!Server.HasExited && !await Server.WaitForExitAsync(TimeSpan.FromMilliseconds(200)))
        {
            return;
        }

        // An earlier case killed the process (and failed for it): start a fresh one so this case still gets an answer.
        Http.Dispose();
        await Server.DisposeAsync();
        _accountedWrites = 0;
        await StartAsync();
    }

    private async Task StartAsync()
    {
        _starts++;
        Server = await OrchestratorProcess.StartInsecureAsync(Environment, SqliteServerFixture.ApiOnly);
        Http = Server.CreateHttpClient(TimeSpan.FromSeconds(10));
        await CreateAsync("/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{Namespace}}}"}}""");
        // With no controller manager, nothing creates the namespace's default service account that pods need.
        await CreateAsync($"/api/v1/namespaces/{Namespace}/serviceaccounts", """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}""");
        await CreateAsync("/api/v1/namespaces/default/secrets", $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"{{{SecretName}}}"},"stringData":{"password":"hunter2"}}""");
        await CreateAsync($"/api/v1/namespaces/{Namespace}/configmaps", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{PatchTarget}}}"},"data":{"a":"1"}}""");
        BaselineRevision = await StoreRevisionAsync();
        BaselineRss = ReadRssBytes();
    }

    private async Task CreateAsync(string collection, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(collection, content);
        Assert.True(response.IsSuccessStatusCode, $"fixture set-up: POST {collection} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The fatal line (a stack overflow prints thousands of frames after it) and the last lines.</summary>
    private static string Tail(string output)
    {
        var lines = output.Split('\n');
        var fatal = lines.FirstOrDefault(l => l.Contains("Stack overflow", StringComparison.Ordinal) || l.Contains("OutOfMemory", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
        return (fatal is null ? "" : fatal + "\n…\n") + string.Join("\n", lines.TakeLast(12));
    }
}
