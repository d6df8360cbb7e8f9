using System.Globalization;
using k8s;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Host.Commands;

/// <summary>Options every component command shares: the kubeconfig to reach the API server, leader election, logging.</summary>
internal static class ClientArguments
{
    public static IKubernetes Client(Arguments arguments)
    {
        var path = arguments.Option("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new UsageException("--kubeconfig is required (or KUBECONFIG in the environment)");
        if (!File.Exists(path))
        {
            throw new UsageException($"kubeconfig {path} does not exist");
        }

        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
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
            cts.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cts.Cancel();
        return cts;
    }
}
