namespace Orchestrator.ApiServer.Streaming;

/// <summary>pods/exec and pods/attach queries (upstream's PodExecOptions / PodAttachOptions) and the kubelet query made from them.</summary>
internal sealed record RemoteCommandOptions(string? Container, bool Stdin, bool Stdout, bool Stderr, bool Tty, IReadOnlyList<string> Command)
{
    /// <summary>
    /// Decodes the query as upstream's parameter codec does: a non-empty query is defaulted after
    /// decoding, and upstream's defaults set stdout and stderr to true whatever the query said.
    /// </summary>
    public static RemoteCommandOptions FromQuery(IQueryCollection query, bool exec)
    {
        var defaulted = query.Count > 0;
        var options = new RemoteCommandOptions(
            query["container"].ToString() is { Length: > 0 } c ? c : null,
            QueryValues.Bool(query, "stdin") ?? false,
            defaulted || (QueryValues.Bool(query, "stdout") ?? false),
            defaulted || (QueryValues.Bool(query, "stderr") ?? false),
            QueryValues.Bool(query, "tty") ?? false,
            exec ? [.. query["command"].Select(v => v ?? "")] : []);
        if (!options.Stdin && !options.Stdout && !options.Stderr)
        {
            throw ApiErrors.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        }

        if (exec && options.Command.Count == 0)
        {
            throw ApiErrors.BadRequest("you must specify at least one command for the container");
        }

        return options;
    }

    /// <summary>The kubelet's /exec or /attach query, in upstream's streamParams order.</summary>
    public string KubeletQuery()
    {
        var query = new QueryBuilder();
        query.AddIf(Stdin, "input", "1");
        query.AddIf(Stdout, "output", "1");
        query.AddIf(Stderr, "error", "1");
        query.AddIf(Tty, "tty", "1");
        foreach (var argument in Command)
        {
            query.Add("command", argument);
        }

        return query.ToString();
    }
}
