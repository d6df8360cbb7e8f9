using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The real `orchestrator up` process on a free port (HTTPS), in its own data directory,
/// started the way a user starts it and stopped by killing it. Clients use the kubeconfig it
/// writes (<see cref="Kubeconfig"/>) or <see cref="CreateHttpClient"/>; tests of HTTP parsing
/// itself start it with <see cref="StartInsecureAsync"/> and send to <see cref="InsecureAddress"/>.
/// </summary>
public sealed class OrchestratorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _ownsDirectory;

    private OrchestratorProcess(Process process, string dataDirectory, Uri address, Uri? insecureAddress, bool ownsDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Address = address;
        InsecureAddress = insecureAddress;
        _ownsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>The HTTPS address, https://127.0.0.1:PORT.</summary>
    public Uri Address { get; }

    /// <summary>The plain-HTTP loopback listener (<c>--insecure-port</c>), when started with <see cref="StartInsecureAsync"/>.</summary>
    public Uri? InsecureAddress { get; }

    /// <summary>The admin kubeconfig (cluster CA, admin client certificate).</summary>
    public string Kubeconfig => Path.Combine(DataDirectory, "kubeconfig");

    /// <summary>The cluster CA certificate the server's certificate chains to.</summary>
    public string CaFile => Path.Combine(DataDirectory, "pki", "ca.crt");

    /// <summary>
    /// An HttpClient at <see cref="Address"/> that trusts the cluster CA only and presents the admin client
    /// certificate of <see cref="Kubeconfig"/>, as kubectl does.
    /// </summary>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseProxy = false, SslOptions = TlsOptions() }) { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(100) };

    /// <summary>TLS client settings as kubectl's with the admin kubeconfig: the cluster CA is the only trust anchor, the admin certificate is presented.</summary>
    public SslClientAuthenticationOptions TlsOptions()
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(CaFile);
        var admin = ApiServer.Hosting.Kubeconfig.ReadClientCertificate(Kubeconfig) ?? throw new InvalidOperationException($"{Kubeconfig} has no client certificate");
        return new SslClientAuthenticationOptions
        {
            TargetHost = Address.Host,
            ClientCertificates = [admin],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => admin,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && Trusted(certificate, authority),
        };
    }

    /// <summary>The operating-system process id, to read /proc/PID/status.</summary>
    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true when it has.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes a kubeconfig at <paramref name="path"/> for <paramref name="server"/> (default <see cref="Address"/>) with a
    /// client certificate for <paramref name="user"/> in <paramref name="groups"/>, issued by the cluster CA under the
    /// data directory: how a node's kubelet, proxy and DNS get their identities (what `join` does for a real node).
    /// </summary>
    public string WriteKubeconfig(string path, Uri? server, string user, params string[] groups)
    {
        using var pair = PemFiles.ReadCertificateAndKey(CaFile, Path.Combine(DataDirectory, "pki", "ca.key")) ?? throw new InvalidOperationException("the cluster CA is missing");
        using var authority = CertificateAuthority.FromCertificate(pair);
        using var certificate = authority.IssueClient(user, groups);
        using var publicCa = X509CertificateLoader.LoadCertificate(pair.RawData);
        return ApiServer.Hosting.Kubeconfig.Write(path, server ?? Address, publicCa, certificate, "user");
    }

    /// <summary>Starts `orchestrator up`; with <paramref name="dataDirectory"/> it reuses that state (a restart) and leaves it in place on dispose.</summary>
    public static Task<OrchestratorProcess> StartAsync(string? storeUrl = null, string? dataDirectory = null, params string[] extraArguments) =>
        StartWithEnvironmentAsync(new Dictionary<string, string>(), storeUrl, dataDirectory, extraArguments);

    /// <summary>As <see cref="StartAsync"/>, with extra environment variables for the process (a GC heap limit, for instance).</summary>
    public static Task<OrchestratorProcess> StartWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, string? storeUrl, string? dataDirectory, params string[] extraArguments) =>
        StartAsync(environment, storeUrl, dataDirectory, insecurePort: false, extraArguments);

    /// <summary>As <see cref="StartWithEnvironmentAsync"/>, plus <c>--insecure-port</c> on a free port (<see cref="InsecureAddress"/>).</summary>
    public static Task<OrchestratorProcess> StartInsecureAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments) =>
        StartAsync(environment, null, null, insecurePort: true, extraArguments);

    private static async Task<OrchestratorProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? storeUrl, string? dataDirectory, bool insecurePort, string[] extraArguments)
    {
        // The free port is found by binding port 0 and letting go: another process (or an outgoing
        // connection's ephemeral port) can take it before the server binds it. Then start again.
        for (var attempt = 1; ; attempt++)
        {
            var (server, output) = await TryStartAsync(environment, storeUrl, dataDirectory, insecurePort, extraArguments);
            if (server is not null)
            {
                return server;
            }

            if (attempt < 4 && output.Contains("address already in use", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException($"orchestrator up did not become ready:\n{output}");
        }
    }

    private static async Task<(OrchestratorProcess? Server, string Output)> TryStartAsync(IReadOnlyDictionary<string, string> environment, string? storeUrl, string? dataDirectory, bool insecurePort, string[] extraArguments)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("orchestrator-e2e-").FullName;
        var port = FreePort();
        int? insecure = insecurePort ? FreePort() : null;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var arg in new[] { "up", "--data-dir", dataDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (insecure is { } plain)
        {
            start.ArgumentList.Add("--insecure-port");
            start.ArgumentList.Add(plain.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (storeUrl is not null)
        {
            start.ArgumentList.Add("--store");
            start.ArgumentList.Add(storeUrl);
        }

        foreach (var arg in extraArguments)
        {
            start.ArgumentList.Add(arg);
        }

        if (!extraArguments.Contains("--real-node"))
        {
            // A real containerd node only where a test asks for one: most tests need no containers.
            start.ArgumentList.Add("--real-node");
            start.ArgumentList.Add("false");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("orchestrator did not start");
        var server = new OrchestratorProcess(process, dataDirectory, new Uri($"https://127.0.0.1:{port}"), insecure is { } http ? new Uri($"http://127.0.0.1:{http}") : null, ownsDirectory);
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => server.Record(e.Data, ready);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            var output = server.Output;
            await server.DisposeAsync();
            return (null, output);
        }

        return (server, server.Output);
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>kill -9: the process gets no chance to flush or clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Record(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ready is not null && line.Contains("kubeconfig", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static bool Trusted(X509Certificate certificate, X509Certificate2 authority)
    {
        using var served = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return CertificateChains.IssuedBy(served, authority, DateTimeOffset.UtcNow);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
