using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ControllerManager;
using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;
using Orchestrator.Testing;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>
/// `join` against a secured in-process API server set up as `up` sets it up (cluster-info, RBAC, a
/// default token) with the join controllers running: a wrong token or CA hash is refused before
/// anything is sent, so no CSR and no node appear; a hollow node joins and becomes Ready. That last
/// one needs the SubjectAccessReview API (RBAC branch) for the approver and the bootstrap-token
/// authenticator (AUTHN branch) for the requestor: it passes once those are merged.
/// </summary>
public sealed class JoinCommandTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("orc-join-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private InProcessApiServer _server = null!;
    private IKubernetes _admin = null!;
    private Task _controllers = Task.CompletedTask;
    private string _joinLine = "";

    public async Task InitializeAsync()
    {
        _server = await InProcessApiServer.StartSecureAsync(_pki, "AlwaysAllow");
        _admin = _pki.AdminClient(_server.Address);
        var cert = Path.Combine(_directory, "ca.crt");
        var key = Path.Combine(_directory, "ca.key");
        await File.WriteAllTextAsync(cert, Pem.Certificate(_pki.Ca));
        await File.WriteAllTextAsync(key, Pem.PrivateKey(_pki.Ca));
        var options = new ControllerManagerOptions
        {
            LeaderElect = false,
            Controllers = ["csrapproving", "csrsigning", "bootstrapsigner", "tokencleaner"],
            Signing = new() { CertFile = cert, KeyFile = key },
        };
        _controllers = ControllerManagerHost.RunAsync(_admin, NullLoggerFactory.Instance, options, _stop.Token);
        _joinLine = await JoinSetup.RunAsync(_admin, _server.Address, _pki.Ca, TimeProvider.System, TextWriter.Null, _stop.Token);
        await Eventually.TrueAsync(async () =>
            (await _admin.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public")).Data.Keys.Any(k => k.StartsWith("jws-kubeconfig-", StringComparison.Ordinal)),
            "cluster-info signed for the default token");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_registers_nothing()
    {
        var (code, _, error) = await JoinAsync("--token", "zzzzzz.0123456789abcdef", "--discovery-timeout", "1s");
        Assert.Equal(1, code);
        Assert.Contains("token id \"zzzzzz\" not found in cluster-info: the token is wrong or expired (retried for the discovery timeout 1s)", error, StringComparison.Ordinal);
        Assert.Empty((await _admin.CertificatesV1.ListCertificateSigningRequestAsync()).Items);
        Assert.Empty((await _admin.CoreV1.ListNodeAsync()).Items);
    }

    [Fact]
    public async Task A_wrong_ca_hash_is_refused_and_registers_nothing()
    {
        using var other = CertificateAuthority.Create("other");
        var (code, _, error) = await JoinAsync("--discovery-token-ca-cert-hash", CaCertHash.Of(other.Certificate));
        Assert.Equal(1, code);
        Assert.Contains("CA hash does not match", error, StringComparison.Ordinal);
        Assert.Empty((await _admin.CertificatesV1.ListCertificateSigningRequestAsync()).Items);
    }

    [Fact]
    public async Task A_hollow_node_joins_and_becomes_ready()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        using var output = new StringWriter();
        var args = JoinArguments("--node-name", "joined-1", "--runtime", "hollow", "--timeout", "30s");
        var join = JoinCommand.RunAsync(ParsedCommandLine.Parse(args), output, stop.Token);
        try
        {
            await Eventually.TrueAsync(async () =>
                (await _admin.CoreV1.ListNodeAsync()).Items.Any(n => n.Metadata.Name == "joined-1" && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true),
                "node joined-1 Ready", TimeSpan.FromSeconds(40), async () => join.IsCompleted ? $"join ended: {await Describe(join)}" : $"join running: {output}");
            var csr = Assert.Single((await _admin.CertificatesV1.ListCertificateSigningRequestAsync()).Items);
            Assert.Equal("system:bootstrap:" + _joinLine.Split("--token ")[1][..6], csr.Spec.Username);
            Assert.Contains(csr.Status.Conditions, c => c.Type == "Approved" && c.Reason == "AutoApproved");
            var kubeconfig = Path.Combine(_directory, "node", JoinCommand.KubeconfigName);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await join.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _controllers.ContinueWith(_ => { }, TaskScheduler.Default);
        _admin.Dispose();
        await _server.DisposeAsync();
        _pki.Dispose();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> Describe(Task<int> join)
    {
        try
        {
            return $"exit {await join}";
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>Runs `join` with the line `up` prints, <paramref name="overrides"/> replacing its options.</summary>
    private async Task<(int Code, string Output, string Error)> JoinAsync(params string[] overrides)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandRouter.RunAsync(JoinArguments(overrides), output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The line `up` prints, without "./orchestrator", with a data dir and <paramref name="overrides"/> replacing its options.</summary>
    private string[] JoinArguments(params string[] overrides)
    {
        var args = _joinLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].ToList();
        args.AddRange(["--data-dir", Path.Combine(_directory, "node")]);
        for (var i = 0; i < overrides.Length; i += 2)
        {
            var at = args.IndexOf(overrides[i]);
            if (at >= 0)
            {
                args[at + 1] = overrides[i + 1];
            }
            else
            {
                args.AddRange([overrides[i], overrides[i + 1]]);
            }
        }

        return [.. args];
    }
}
