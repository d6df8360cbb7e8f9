using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>
/// A member that vanishes the way a killed container does: its address stops answering at all. On
/// loopback a killed process's ports answer with a reset, so a client notices at once; a killed
/// container's address drops packets silently, so open connections and new connects just hang. iptables
/// DROP rules on the member's client and peer ports (both directions) give loopback the same silence.
/// </summary>
public sealed partial class EtcdCluster
{
    private const string RuleComment = "orchestrator-etcd-blackhole";

    /// <summary>
    /// Makes member <paramref name="index"/>'s ports drop every packet, then kills it with SIGKILL, so
    /// neither its peers nor clients get a reset or FIN. <see cref="RestartAsync"/> and dispose remove the rules.
    /// </summary>
    /// <exception cref="InvalidOperationException">iptables is missing or refused (needs root).</exception>
    public async Task BlackholeAsync(int index)
    {
        var member = _members[index];
        var ports = new[] { member.ClientUrl.Port, member.PeerUrl.Port };
        var rules = ports.SelectMany(port => new[]
        {
            DropRule("--dport", port),
            DropRule("--sport", port),
        }).ToList();
        var added = new List<string[]>();
        try
        {
            foreach (var rule in rules)
            {
                await IptablesAsync(["-I", "INPUT", .. rule]);
                added.Add(rule);
            }
        }
        finally
        {
            member.DropRules = added;
        }

        await KillAsync(index);
    }

    private static string[] DropRule(string direction, int port) =>
        ["-i", "lo", "-p", "tcp", direction, port.ToString(CultureInfo.InvariantCulture), "-m", "comment", "--comment", RuleComment, "-j", "DROP"];

    /// <summary>Removes a member's DROP rules, if any.</summary>
    private static async Task RestoreAsync(Member member)
    {
        var failures = new List<string>();
        foreach (var rule in member.DropRules)
        {
            try
            {
                await IptablesAsync(["-D", "INPUT", .. rule]);
            }
            catch (InvalidOperationException error)
            {
                failures.Add(error.Message);
            }
        }

        member.DropRules = [];
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", failures));
        }
    }

    private static async Task IptablesAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("iptables") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        // -w: wait for the xtables lock rather than fail while dockerd edits its own rules.
        foreach (var argument in arguments.Prepend("-w"))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start iptables");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException($"could not run iptables (blackholing an etcd member needs it, as root): {missing.Message}", missing);
        }

        using var _ = process;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"iptables {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode} (blackholing an etcd member needs root): {(await error).Trim()}");
        }
    }
}
