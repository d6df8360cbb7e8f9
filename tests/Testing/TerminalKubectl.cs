namespace Orchestrator.Testing;

/// <summary>
/// A kubectl of one minor version running on a <see cref="PseudoTerminal"/> (for <c>exec -it</c>, <c>attach -i</c>),
/// with its own HOME as <see cref="Kubectl"/> gives it; disposing kills it and removes the HOME.
/// </summary>
public sealed class TerminalKubectl : IDisposable
{
    private readonly DirectoryInfo _home;

    private TerminalKubectl(DirectoryInfo home, PseudoTerminal terminal)
    {
        _home = home;
        Terminal = terminal;
    }

    public PseudoTerminal Terminal { get; }

    public static TerminalKubectl Start(string version, string kubeconfig, int rows, int columns, params string[] args)
    {
        var home = Directory.CreateTempSubdirectory($"kubectl-{version}-tty-home-");
        var terminal = PseudoTerminal.Start(
            Path.Combine(Kubectl.BinaryDirectory, $"kubectl.{version}"),
            args,
            new Dictionary<string, string> { ["HOME"] = home.FullName, ["KUBECONFIG"] = kubeconfig, ["TERM"] = "xterm" },
            rows,
            columns);
        return new TerminalKubectl(home, terminal);
    }

    public void Dispose()
    {
        Terminal.Dispose();
        _home.Delete(recursive: true);
    }
}
