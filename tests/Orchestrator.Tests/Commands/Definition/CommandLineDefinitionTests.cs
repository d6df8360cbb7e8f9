using System.CommandLine;
using Orchestrator.Host.Commands;
using Orchestrator.Host.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands.Definition;

public sealed class CommandLineDefinitionTests
{
    /// <summary>Every command and subcommand, as the words that name it (the root is the empty path).</summary>
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        foreach (var path in Paths(CommandLineDefinition.Create(_ => Task.FromResult(0)), []))
        {
            data.Add(string.Join(' ', path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_of_every_command_lists_its_options_and_subcommands(string path)
    {
        var words = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var command = Find(words);
        var (code, help, _) = await RunAsync([.. words, "--help"]);
        var (helpCode, helpCommand, _) = await RunAsync(["help", .. words]);

        Assert.Equal(0, code);
        Assert.Equal(0, helpCode);
        Assert.Equal(help, helpCommand);
        Assert.Contains("Usage:", help, StringComparison.Ordinal);
        Assert.Contains($" {path}", help, StringComparison.Ordinal);
        Assert.All(command.Options.Where(o => !o.Hidden), o => Assert.Contains(o.Name, help, StringComparison.Ordinal));
        Assert.All(command.Subcommands, c => Assert.Contains(c.Name, help, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task An_unknown_option_is_a_usage_error_with_the_commands_help(string path)
    {
        var words = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var (code, output, error) = await RunAsync([.. words, "--no-such-option=1"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: unknown option --no-such-option\n", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "status", "--kubeconfig" }, "option --kubeconfig needs a value")]
    [InlineData(new[] { "store", "get", "--limit", "5", "/k" }, "unknown option --limit")]
    [InlineData(new[] { "completion", "zsh" }, "completion knows bash only, not \"zsh\"")]
    [InlineData(new[] { "token" }, "Required command was not provided.")]
    [InlineData(new[] { "status", "extra" }, "unexpected argument \"extra\"")]
    [InlineData(new[] { "status", "--kubeconfig", "/nonexistent/kubeconfig" }, "kubeconfig /nonexistent/kubeconfig does not exist")]
    [InlineData(new[] { "explain", "-n", "shop", "deployment", "web" }, "explain knows pods only, not \"deployment\"")]
    [InlineData(new[] { "explain", "pod", "web", "-n", "shop", "--kubeconfig=/nonexistent/kubeconfig" }, "kubeconfig /nonexistent/kubeconfig does not exist")]
    [InlineData(new[] { "explain", "pod" }, "Required argument missing for command: 'explain'.")]
    [InlineData(new[] { "token", "create", "--ttl", "soon" }, "--ttl must be a duration such as 40s, 1m30s or 500ms, not \"soon\"")]
    [InlineData(new[] { "token", "list", "--kubeconfig", "/nonexistent/kubeconfig" }, "kubeconfig /nonexistent/kubeconfig does not exist (--kubeconfig F)")]
    [InlineData(new[] { "store", "list", "--limit", "many" }, "Cannot parse argument 'many' for option '--limit'")]
    [InlineData(new[] { "store", "compact", "latest" }, "Cannot parse argument 'latest' for command 'compact'")]
    [InlineData(new[] { "images", "push" }, "images push needs --registry http://HOST:PORT")]
    [InlineData(new[] { "help", "nosuch" }, "unknown command \"nosuch\"")]
    [InlineData(new[] { "nosuch" }, "unknown command \"nosuch\"")]
    // The commands that share option groups: each value is checked as the line is parsed, before anything starts.
    [InlineData(new[] { "up", "--data-dri", "x" }, "unknown option --data-dri")]
    [InlineData(new[] { "up", "extra" }, "unexpected argument \"extra\"")]
    [InlineData(new[] { "up", "--store" }, "option --store needs a value")]
    [InlineData(new[] { "up", "--real-node", "maybe" }, "--real-node must be auto, true or false, not \"maybe\"")]
    [InlineData(new[] { "up", "--metric-resolution", "0s" }, "--metric-resolution must be longer than 0s")]
    [InlineData(new[] { "up", "--port", "70000" }, "--port must be a TCP port number, not 70000")]
    [InlineData(new[] { "apiserver", "init", "--control-plane-endpoint", "http://lb:6443" }, "--control-plane-endpoint must be an https:// URL, not \"http://lb:6443\"")]
    [InlineData(new[] { "kubelet", "--nodes", "0" }, "--nodes must be a whole number ≥ 1, not \"0\"")]
    [InlineData(new[] { "kubelet", "--runtime", "docker" }, "--runtime must be hollow or containerd, not \"docker\"")]
    [InlineData(new[] { "kubelet", "--labels", "role" }, "label \"role\" is not key=value")]
    [InlineData(new[] { "kubelet", "--node-ip", "10.0.0.2" }, "--node-ip is not used with --runtime hollow")]
    [InlineData(new[] { "kubelet", "--runtime", "containerd", "--nodes", "2" }, "--nodes is not used with --runtime containerd")]
    [InlineData(new[] { "kubelet", "--cluster-dns", "10.96.0.10,dns" }, "--cluster-dns must be a comma-separated list of IP addresses, not \"10.96.0.10,dns\"")]
    [InlineData(new[] { "kubelet", "--cluster-dns", "," }, "--cluster-dns must be a comma-separated list of IP addresses, not \",\"")]
    [InlineData(new[] { "proxy", "--node-name", "n", "--mode", "ipvs" }, "--mode must be ")]
    [InlineData(new[] { "proxy", "--node-name", "n", "--dry-run", "--cleanup" }, "--dry-run and --cleanup exclude each other")]
    [InlineData(new[] { "proxy", "--node-name", "n", "--network-name", "cbr0" }, "--network-name is not used with --mode nftables")]
    [InlineData(new[] { "scheduler", "--leader-elect", "yes" }, "--leader-elect must be true or false, not \"yes\"")]
    [InlineData(new[] { "scheduler", "--metrics-bind-address", "localhost" }, "--metrics-bind-address must be HOST:PORT")]
    [InlineData(new[] { "controller-manager", "--node-monitor-grace-period", "40" }, "--node-monitor-grace-period must be a duration such as 40s")]
    [InlineData(new[] { "join", "--token", "abc" }, "--token \"abc\" is not a bootstrap token")]
    [InlineData(new[] { "join", "--server", "http://cp:6443" }, "--server must be an https URL, not \"http://cp:6443\"")]
    [InlineData(new[] { "join", "--server", "cp:6443", "--token", "abcdef.0123456789abcdef", "--discovery-token-ca-cert-hash", "sha256:0000000000000000000000000000000000000000000000000000000000000000", "--runtime", "hollow", "--pod-network", "none" }, "--pod-network is not used with --runtime hollow")]
    public async Task Other_usage_errors_exit_2(string[] args, string message)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_prints_the_help_of_all_commands()
    {
        var (code, output, _) = await RunAsync([]);

        Assert.Equal(0, code);
        Assert.All(Find([]).Subcommands, c => Assert.Contains(c.Name, output, StringComparison.Ordinal));
    }

    private static IEnumerable<string[]> Paths(Command command, string[] path)
    {
        yield return path;
        foreach (var subcommand in command.Subcommands)
        {
            foreach (var below in Paths(subcommand, [.. path, subcommand.Name]))
            {
                yield return below;
            }
        }
    }

    private static Command Find(string[] words) =>
        words.Aggregate<string, Command>(CommandLineDefinition.Create(_ => Task.FromResult(0)), (command, word) => command.Subcommands.Single(c => c.Name == word));

    internal static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandRouter.RunAsync(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
