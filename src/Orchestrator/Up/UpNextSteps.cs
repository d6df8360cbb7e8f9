namespace Orchestrator.Host.Up;

/// <summary>What `up` prints once the cluster is ready: how to point kubectl at it, a first command, and how to join another machine.</summary>
internal static class UpNextSteps
{
    /// <summary>The image of the first Deployment: the busybox a real node imports itself (hollow nodes run no image).</summary>
    public const string FirstImage = "localhost/busybox:1.35";

    /// <param name="kubeconfig">The admin kubeconfig's full path.</param>
    /// <param name="joinOutput">What the join setup printed: its notes and the <c>./orchestrator join …</c> line (none on a server without TLS).</param>
    public static string Format(string kubeconfig, string joinOutput)
    {
        var lines = joinOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = new StringBuilder();
        foreach (var note in lines.Where(l => !IsJoinLine(l)))
        {
            text.AppendLine(note);
        }

        text.AppendLine()
            .AppendLine("Next steps:")
            .AppendLine($"  export KUBECONFIG={Quote(kubeconfig)}")
            .AppendLine("  kubectl get nodes")
            .AppendLine($"  kubectl create deployment hello --image={FirstImage} -- sleep 3600")
            .AppendLine("  ./orchestrator status                 components, nodes and pods at a glance")
            .AppendLine("  ./orchestrator explain pod NAME       why a pod is Pending or not Ready");
        var join = lines.Where(IsJoinLine).ToList();
        if (join.Count > 0)
        {
            text.AppendLine("Join another machine as a node (run there; a new token: ./orchestrator token create):");
            foreach (var line in join)
            {
                text.AppendLine("  " + line);
            }
        }

        return text.ToString();
    }

    private static bool IsJoinLine(string line) => line.StartsWith("./orchestrator join ", StringComparison.Ordinal);

    /// <summary>Single-quoted for a POSIX shell when the path holds anything a shell would split or expand.</summary>
    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '@')
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
