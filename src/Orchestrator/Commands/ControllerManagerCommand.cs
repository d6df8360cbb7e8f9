using Microsoft.Extensions.Logging;
using System.Globalization;
using Orchestrator.ControllerManager;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;
using Orchestrator.ControllerManager.Controllers.ImageUpdate;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator controller-manager`: the controllers alone, against any API server, with leader election.</summary>
internal static class ControllerManagerCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        using var client = ClientArguments.Client(arguments);
        var options = Options(arguments);
        var metricsAddress = MetricsListener.Address(arguments);
        var tracing = TracingArguments.From(arguments);
        arguments.EnsureConsumed();
        using var metrics = await MetricsListener.StartAsync(metricsAddress, output);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "kube-controller-manager");
        using var loggers = ClientArguments.Loggers(LogLevel.Information);
        using var shutdown = ClientArguments.ShutdownToken();
        await output.WriteLineAsync($"orchestrator controller-manager: {string.Join(',', options.Controllers)} as {options.Identity}");
        await ControllerManagerHost.RunAsync(client, loggers, options, shutdown.Token);
        return 0;
    }

    public static ControllerManagerOptions Options(Arguments arguments)
    {
        var options = new ControllerManagerOptions { LeaderElect = ClientArguments.Flag(arguments, "leader-elect", true) };
        if (arguments.Option("controllers") is { } list)
        {
            var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var known = ControllerManagerHost.ControllerNames.ToHashSet();
            if (names.FirstOrDefault(n => n != "*" && !known.Contains(n.TrimStart('-'))) is { } unknown)
            {
                throw new UsageException($"unknown controller \"{unknown}\"; known: {string.Join(", ", known.Order())}");
            }

            options = options with { Controllers = names };
        }

        if (Durations.Option(arguments, "node-monitor-grace-period") is { } grace)
        {
            options = options with { NodeMonitorGracePeriod = grace };
        }

        if (arguments.Option("cluster-cidr") is { } cidr)
        {
            options = options with { ClusterCidr = cidr };
        }

        if (arguments.Option("load-balancer-ip-pool") is { } pool)
        {
            options = options with { LoadBalancerIpPool = pool };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
        }

        var certFile = arguments.Option("cluster-signing-cert-file");
        var keyFile = arguments.Option("cluster-signing-key-file");
        if ((certFile is null) != (keyFile is null))
        {
            throw new UsageException("--cluster-signing-cert-file and --cluster-signing-key-file go together");
        }

        options = options with
        {
            Signing = new() { CertFile = certFile, KeyFile = keyFile, Duration = Durations.Option(arguments, "cluster-signing-duration") ?? options.Signing.Duration },
        };
        if (arguments.Option("root-ca-file") is { } rootCa)
        {
            options = options with
            {
                RootCaBundle = File.Exists(rootCa) ? File.ReadAllText(rootCa) : throw new UsageException($"--root-ca-file {rootCa} does not exist"),
            };
        }

        options = options with { HorizontalPodAutoscaler = HorizontalPodAutoscaler(arguments), ImageUpdate = ImageUpdate(arguments) };
        return arguments.Option("identity") is { } identity ? options with { Identity = identity } : options;
    }

    /// <summary>The image-update controller's --image-update-interval and --image-update-request-timeout (not upstream's).</summary>
    private static ImageUpdateOptions ImageUpdate(Arguments arguments)
    {
        var defaults = new ImageUpdateOptions();
        var interval = Durations.Option(arguments, "image-update-interval") ?? defaults.Interval;
        var options = new ImageUpdateOptions
        {
            Interval = interval,
            MaxBackoff = interval > defaults.MaxBackoff ? interval : defaults.MaxBackoff,
            RequestTimeout = Durations.Option(arguments, "image-update-request-timeout") ?? defaults.RequestTimeout,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        return options;
    }

    /// <summary>kube-controller-manager's --horizontal-pod-autoscaler-* flags.</summary>
    private static HorizontalPodAutoscalerOptions HorizontalPodAutoscaler(Arguments arguments)
    {
        const string prefix = "horizontal-pod-autoscaler-";
        var defaults = new HorizontalPodAutoscalerOptions();
        var tolerance = defaults.Tolerance;
        if (arguments.Option(prefix + "tolerance") is { } text
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out tolerance))
        {
            throw new UsageException($"--{prefix}tolerance must be a number such as 0.1, not \"{text}\"");
        }

        var options = new HorizontalPodAutoscalerOptions
        {
            SyncPeriod = Durations.Option(arguments, prefix + "sync-period") ?? defaults.SyncPeriod,
            Tolerance = tolerance,
            CpuInitializationPeriod = Durations.Option(arguments, prefix + "cpu-initialization-period") ?? defaults.CpuInitializationPeriod,
            InitialReadinessDelay = Durations.Option(arguments, prefix + "initial-readiness-delay") ?? defaults.InitialReadinessDelay,
            DownscaleStabilization = Durations.Option(arguments, prefix + "downscale-stabilization") ?? defaults.DownscaleStabilization,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        return options;
    }
}
