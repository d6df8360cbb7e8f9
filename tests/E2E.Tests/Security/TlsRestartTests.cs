using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Security;

/// <summary>`up` restarted on the same data directory keeps its CA, serving certificate and the admin's identity.</summary>
public sealed partial class TlsRestartTests
{
    private static readonly string[] ReusedFiles = ["ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "sa.key", "apiserver-kubelet-client.crt", "apiserver-kubelet-client.key"];

    [Fact]
    public async Task Certificates_keys_and_the_admin_kubeconfig_survive_a_restart_of_up()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orchestrator-tls-restart-").FullName;
        try
        {
            Dictionary<string, byte[]> before;
            string adminBefore;
            await using (var first = await OrchestratorProcess.StartAsync(null, dataDirectory, "--bind-address", "127.0.0.1", "--hollow-nodes", "1"))
            {
                await GetNodesAsync(first);
                before = ReusedFiles.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dataDirectory, "pki", f)));
                adminBefore = ClientCertificateData(first.Kubeconfig);
                AssertPrivate(dataDirectory);
                await first.KillAsync();
            }

            await using var second = await OrchestratorProcess.StartAsync(null, dataDirectory, "--bind-address", "127.0.0.1", "--hollow-nodes", "1");

            foreach (var file in ReusedFiles)
            {
                Assert.True(before[file].SequenceEqual(File.ReadAllBytes(Path.Combine(dataDirectory, "pki", file))), $"pki/{file} changed across the restart");
            }

            Assert.Equal(adminBefore, ClientCertificateData(second.Kubeconfig));
            Assert.Contains($"server: {second.Address.GetLeftPart(UriPartial.Authority)}", File.ReadAllText(second.Kubeconfig), StringComparison.Ordinal);
            AssertPrivate(dataDirectory);
            await GetNodesAsync(second);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task GetNodesAsync(OrchestratorProcess server)
    {
        using var kubectl = new Kubectl("1.33", server.Kubeconfig);
        var result = await kubectl.RunAsync("get", "nodes", "-o", "name");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("node/hollow-node-0", result.Stdout, StringComparison.Ordinal);
    }

    private static string ClientCertificateData(string kubeconfig) =>
        ClientCertificateLine().Match(File.ReadAllText(kubeconfig)) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"{kubeconfig} has no client-certificate-data");

    private static void AssertPrivate(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var keys = ReusedFiles.Where(f => f.EndsWith(".key", StringComparison.Ordinal)).Select(f => Path.Combine(dataDirectory, "pki", f))
            .Append(Path.Combine(dataDirectory, "kubeconfig"))
            .Concat(Directory.GetFiles(Path.Combine(dataDirectory, "kubeconfigs")));
        foreach (var file in keys)
        {
            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} has mode {File.GetUnixFileMode(file)}, not 0600");
        }
    }

    [GeneratedRegex(@"client-certificate-data: (\S+)")]
    private static partial Regex ClientCertificateLine();
}
