namespace Orchestrator.Host.Commands;

/// <summary>Options every component command shares: the kubeconfig to reach the API server, leader election, logging.</summary>
internal static class ClientArguments
{
    public const string KubeconfigFlag = "kubeconfig";

    public static IKubernetes Client(ParseResult parsed) => KubernetesClients.Create(Configuration(parsed));

    /// <summary>The client configuration read from <c>--kubeconfig</c> (or KUBECONFIG): server, CA, credentials.</summary>
    public static KubernetesClientConfiguration Configuration(ParseResult parsed)
    {
        var path = parsed.Value<string>(KubeconfigFlag) ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new UsageException($"--{KubeconfigFlag} is required (or KUBECONFIG in the environment)");
        if (!File.Exists(path))
        {
            throw new UsageException($"kubeconfig {path} does not exist");
        }

        return KubeconfigReader.Load(path);
    }

    /// <summary>A client from the kubeconfig named by <c>--NAME</c>, or null when the option is not given.</summary>
    public static IKubernetes? OptionalClient(ParseResult parsed, string name)
    {
        if (parsed.Value<string>(name) is not { } path)
        {
            return null;
        }

        return File.Exists(path)
            ? KubernetesClients.Create(KubeconfigReader.Load(path))
            : throw new UsageException($"--{name} {path} does not exist");
    }

    public static ILoggerFactory Loggers(LogLevel level) =>
        LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level));

    /// <summary>A token cancelled by Ctrl-C or SIGTERM.</summary>
    public static CancellationTokenSource ShutdownToken()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Cancel(cts);
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Cancel(cts);
        return cts;
    }

    private static void Cancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command has ended and disposed its token (ProcessExit runs on every exit, after a failure too): nothing left to stop.
        }
    }
}
