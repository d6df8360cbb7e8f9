using Microsoft.Extensions.Hosting;
using Orchestrator.Kubelet.Server.Relay;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// <c>/exec</c>, <c>/attach</c> and <c>/portForward</c>: ask the runtime for a single-use streaming
/// URL, then relay the client's upgraded connection to it. Query parameters are upstream's
/// (command repeated; input, output, error, tty as "1"/"true"; port repeated).
/// </summary>
internal sealed class StreamingEndpoints(IStreamingRuntime runtime, UpgradeRelay relay, IHostApplicationLifetime lifetime)
{
    public async Task ExecAsync(HttpContext context, string ns, string pod, string container)
    {
        RequireUpgrade(context);
        var query = context.Request.Query;
        var command = query["command"].Where(c => c is not null).Select(c => c!).ToArray();
        if (command.Length == 0)
        {
            throw StreamingRuntimeException.BadRequest("you must specify a command to execute (query parameter command)");
        }

        var (tty, stdin, stdout, stderr) = ParseStreams(query);
        var url = await runtime.GetExecAsync(new ExecRequest(ns, pod, container, command, tty, stdin, stdout, stderr), context.RequestAborted);
        await RelayAsync(context, url);
    }

    public async Task AttachAsync(HttpContext context, string ns, string pod, string container)
    {
        RequireUpgrade(context);
        var (tty, stdin, stdout, stderr) = ParseStreams(context.Request.Query);
        var url = await runtime.GetAttachAsync(new AttachRequest(ns, pod, container, tty, stdin, stdout, stderr), context.RequestAborted);
        await RelayAsync(context, url);
    }

    public async Task PortForwardAsync(HttpContext context, string ns, string pod)
    {
        RequireUpgrade(context);
        var ports = new List<int>();
        foreach (var text in context.Request.Query["port"])
        {
            foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > IPEndPoint.MaxPort)
                {
                    throw StreamingRuntimeException.BadRequest($"invalid port \"{part}\": want 1-65535");
                }

                ports.Add(port);
            }
        }

        var url = await runtime.GetPortForwardAsync(ns, pod, ports, context.RequestAborted);
        await RelayAsync(context, url);
    }

    /// <summary>The streams asked for; as upstream, stderr is dropped with a tty (a terminal merges it into stdout).</summary>
    private static (bool Tty, bool Stdin, bool Stdout, bool Stderr) ParseStreams(IQueryCollection query)
    {
        var tty = QueryFlag.Get(query, "tty");
        var stdin = QueryFlag.Get(query, "input");
        var stdout = QueryFlag.Get(query, "output");
        var stderr = QueryFlag.Get(query, "error") && !tty;
        if (!stdin && !stdout && !stderr)
        {
            throw StreamingRuntimeException.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        }

        return (tty, stdin, stdout, stderr);
    }

    private static void RequireUpgrade(HttpContext context)
    {
        if (!UpgradeRelay.IsUpgradeRequest(context))
        {
            throw StreamingRuntimeException.BadRequest("Upgrade request required");
        }
    }

    private async Task RelayAsync(HttpContext context, Uri url)
    {
        try
        {
            await relay.RelayAsync(context, url, lifetime.ApplicationStopping);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            throw new StreamingRuntimeException(status, e.Message, e.InnerException);
        }
    }
}
