using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>The SPDY client against a real SPDY server: containerd's CRI streaming server (Go spdystream).</summary>
[Collection(ContainerdCollection.Name)]
public sealed class SpdyClientContainerdTests(ContainerdFixture containerd) : IAsyncLifetime
{
    private CriBusyboxPod? _pod;

    private CriBusyboxPod Pod => _pod!;

    public async Task InitializeAsync() => _pod = await CriBusyboxPod.StartAsync(containerd, "spdy-client", "sleep", "3600");

    public async Task DisposeAsync() => await Pod.DisposeAsync();

    [Fact]
    public async Task Stdout_arrives_and_a_zero_exit_reports_a_Success_status()
    {
        var (stdout, stderr, error) = await SpdyRemoteCommand.RunAsync(await Pod.ExecUrlAsync(["cat", "/etc/hostname"], stdin: false), stdin: null);

        Assert.Equal("spdy-client\n", stdout);
        Assert.Equal("", stderr);
        Assert.Equal("Success", JsonNode.Parse(error)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stderr_arrives_and_the_exit_code_comes_as_a_NonZeroExitCode_status()
    {
        var (stdout, stderr, error) = await SpdyRemoteCommand.RunAsync(await Pod.ExecUrlAsync(["sh", "-c", "echo out; echo err >&2; exit 3"], stdin: false), stdin: null);

        Assert.Equal("out\n", stdout);
        Assert.Equal("err\n", stderr);
        var status = JsonNode.Parse(error)!;
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("NonZeroExitCode", status["reason"]!.GetValue<string>());
        Assert.Equal("3", status["details"]!["causes"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stdin_reaches_the_process_and_its_half_close_ends_it()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n")); // ~50 KB: several data frames
        var (stdout, _, error) = await SpdyRemoteCommand.RunAsync(await Pod.ExecUrlAsync(["cat"], stdin: true), text);

        Assert.Equal(text, stdout);
        Assert.Equal("Success", JsonNode.Parse(error)!["status"]!.GetValue<string>());
    }
}
