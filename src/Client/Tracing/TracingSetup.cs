using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orchestrator.Client.Tracing;

/// <summary>
/// The one tracer provider of a process: every component source, ASP.NET Core's requests and HttpClient's
/// outgoing calls, sampled by <see cref="ComponentSampler"/> and exported by OTLP in batches of <see cref="ExportBatching"/>'s sizes. Off (null) without
/// options: no listener, so every hook's <c>StartActivity</c> returns null.
/// </summary>
public static class TracingSetup
{
    /// <summary>Starts exporting; dispose the provider to flush and stop. Null when <paramref name="options"/> is null.</summary>
    /// <param name="options">Where to send spans, or null for tracing off.</param>
    /// <param name="serviceName">The process's <c>service.name</c> (<c>apiserver</c>, <c>kube-scheduler</c>, …).</param>
    public static TracerProvider? Start(TracingOptions? options, string serviceName)
    {
        if (options is null)
        {
            return null;
        }

        return Sdk.CreateTracerProviderBuilder()
            .AddSource([.. TracingSources.All])
            .SetSampler(new ComponentSampler(options.SamplingRatio))
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(TracingSetup).Assembly.GetName().Version?.ToString()))
            .AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = options.ExportUrl;
                exporter.Protocol = options.Protocol == TracingProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                ExportBatching.Apply(exporter.BatchExportProcessorOptions, Environment.GetEnvironmentVariable);
            })
            .Build();
    }
}
