using Orchestrator.ControllerManager;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;
using Orchestrator.ControllerManager.Controllers.ImageUpdate;

namespace Orchestrator.Host.Commands;

/// <summary>`orchestrator controller-manager`: the controllers alone, against any API server, with leader election.</summary>
internal static class ControllerManagerCommand
{
    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output)
    {
        using var client = ClientArguments.Client(parsed);
        var options = Options(parsed);
        using var process = await ComponentProcess.StartAsync(parsed, output, "kube-controller-manager");
        await output.WriteLineAsync($"orchestrator controller-manager: {string.Join(',', options.Controllers)} as {options.Identity}");
        await ControllerManagerHost.RunAsync(client, process.Loggers, options, process.Shutdown);
        return 0;
    }

    public static ControllerManagerOptions Options(ParseResult parsed)
    {
        var options = new ControllerManagerOptions { LeaderElect = parsed.Boolean("leader-elect") ?? true };
        if (parsed.Value<string>("controllers") is { } list)
        {
            var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var known = ControllerManagerHost.ControllerNames.ToHashSet();
            if (names.FirstOrDefault(n => n != "*" && !known.Contains(n.TrimStart('-'))) is { } unknown)
            {
                throw new UsageException($"unknown controller \"{unknown}\"; known: {string.Join(", ", known.Order())}");
            }

            options = options with { Controllers = names };
        }

        if (parsed.Value<TimeSpan?>("node-monitor-grace-period") is { } grace)
        {
            options = options with { NodeMonitorGracePeriod = grace };
        }

        if (parsed.Value<string>("cluster-cidr") is { } cidr)
        {
            options = options with { ClusterCidr = cidr };
        }

        if (parsed.Value<string>("load-balancer-ip-pool") is { } pool)
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

        var certFile = parsed.Value<string>("cluster-signing-cert-file");
        var keyFile = parsed.Value<string>("cluster-signing-key-file");
        if ((certFile is null) != (keyFile is null))
        {
            throw new UsageException("--cluster-signing-cert-file and --cluster-signing-key-file go together");
        }

        options = options with
        {
            Signing = new() { CertFile = certFile, KeyFile = keyFile, Duration = parsed.Value<TimeSpan?>("cluster-signing-duration") ?? options.Signing.Duration },
        };
        if (parsed.Value<string>("root-ca-file") is { } rootCa)
        {
            options = options with
            {
                RootCaBundle = File.Exists(rootCa) ? File.ReadAllText(rootCa) : throw new UsageException($"--root-ca-file {rootCa} does not exist"),
            };
        }

        options = options with { HorizontalPodAutoscaler = HorizontalPodAutoscaler(parsed), ImageUpdate = ImageUpdate(parsed) };
        return parsed.Value<string>("identity") is { } identity ? options with { Identity = identity } : options;
    }

    /// <summary>The image-update controller's --image-update-interval and --image-update-request-timeout (not upstream's).</summary>
    private static ImageUpdateOptions ImageUpdate(ParseResult parsed)
    {
        var defaults = new ImageUpdateOptions();
        var interval = parsed.Value<TimeSpan?>("image-update-interval") ?? defaults.Interval;
        var options = new ImageUpdateOptions
        {
            Interval = interval,
            MaxBackoff = interval > defaults.MaxBackoff ? interval : defaults.MaxBackoff,
            RequestTimeout = parsed.Value<TimeSpan?>("image-update-request-timeout") ?? defaults.RequestTimeout,
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
    private static HorizontalPodAutoscalerOptions HorizontalPodAutoscaler(ParseResult parsed)
    {
        const string prefix = "horizontal-pod-autoscaler-";
        var defaults = new HorizontalPodAutoscalerOptions();
        var options = new HorizontalPodAutoscalerOptions
        {
            SyncPeriod = parsed.Value<TimeSpan?>(prefix + "sync-period") ?? defaults.SyncPeriod,
            Tolerance = parsed.Value<double?>(prefix + "tolerance") ?? defaults.Tolerance,
            CpuInitializationPeriod = parsed.Value<TimeSpan?>(prefix + "cpu-initialization-period") ?? defaults.CpuInitializationPeriod,
            InitialReadinessDelay = parsed.Value<TimeSpan?>(prefix + "initial-readiness-delay") ?? defaults.InitialReadinessDelay,
            DownscaleStabilization = parsed.Value<TimeSpan?>(prefix + "downscale-stabilization") ?? defaults.DownscaleStabilization,
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
