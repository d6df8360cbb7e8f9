using Orchestrator.Client.Connection;
using System.Globalization;
using k8s;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Host.Commands;

/// <summary>Options every component command shares: the kubeconfig to reach the API server, leader election, logging.</summary>
internal static class ClientArguments
{
    public static IKubernetes Client(Arguments arguments) => KubernetesClients.Create(Configuration(arguments));

    /// <summary>The client configuration read from <c>--kubeconfig</c> (or KUBECONFIG): server, CA, credentials.</summary>
    public static KubernetesClientConfiguration Configuration(Arguments arguments)
    {
        var path = arguments.Option("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new UsageException("--kubeconfig is required (or KUBECONFIG in the environment)");
        if (!File.Exists(path))
        {
            throw new UsageException($"kubeconfig {path} does not exist");
        }

        return KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
    }

    /// <summary>A client from the kubeconfig named by <c>--NAME</c>, or null when the option is not given.</summary>
    public static IKubernetes? OptionalClient(Arguments arguments, string name)
    {
        if (arguments.Option(name) is not { } path)
        {
            return null;
        }

        return File.Exists(path)
            ? KubernetesClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(path))
            : throw new UsageException($"--{name} {path} does not exist");
    }

    public static bool Flag(Arguments arguments, string name, bool defaultValue)
    {
        var text = arguments.Option(name);
        return text switch
        {
            null => defaultValue,
            "true" => true,
            "false" => false,
            _ => throw new UsageException($"--{name} must be true or false, not \"{text}\""),
        };
    }

    public static int Number(Arguments arguments, string name, int defaultValue, int min = 0)
    {
        var text = arguments.Option(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"--{name} must be a whole number ≥ {min}, not \"{text}\"");
        }

        return value;
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
