using System.CommandLine;
using Orchestrator.Client.Tracing;
using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>--otlp-endpoint, --otlp-protocol and --tracing-sampling-ratio of the component commands.</summary>
public sealed class TracingArgumentsTests
{
    private static ParseResult After(params string[] options) => ParsedCommandLine.Parse(["scheduler", .. options]);

    [Fact]
    public void Without_an_endpoint_tracing_is_off()
    {
        Assert.Null(TracingArguments.From(After()));
    }

    [Fact]
    public void An_endpoint_alone_exports_http_protobuf_to_v1_traces_with_every_trace_sampled()
    {
        var options = TracingArguments.From(After("--otlp-endpoint", "http://127.0.0.1:4318"))!;

        Assert.Equal((TracingProtocol.HttpProtobuf, 1.0), (options.Protocol, options.SamplingRatio));
        Assert.Equal("http://127.0.0.1:4318/v1/traces", options.ExportUrl.ToString());
    }

    [Fact]
    public void Grpc_exports_to_the_endpoint_itself_with_the_ratio_given()
    {
        var options = TracingArguments.From(After("--otlp-endpoint", "http://collector:4317/", "--otlp-protocol", "grpc", "--tracing-sampling-ratio", "0.01"))!;

        Assert.Equal((TracingProtocol.Grpc, 0.01), (options.Protocol, options.SamplingRatio));
        Assert.Equal("http://collector:4317/", options.ExportUrl.ToString());
    }

    [Fact]
    public void A_path_on_the_endpoint_is_kept_before_v1_traces()
    {
        var options = TracingArguments.From(After("--otlp-endpoint", "https://gateway.example/otlp/"))!;

        Assert.Equal("https://gateway.example/otlp/v1/traces", options.ExportUrl.ToString());
    }

    [Theory]
    [InlineData("--otlp-endpoint", "127.0.0.1:4318", "--otlp-endpoint must be an http:// or https:// URL")]
    [InlineData("--otlp-endpoint", "grpc://127.0.0.1:4317", "--otlp-endpoint must be an http:// or https:// URL")]
    [InlineData("--otlp-protocol", "http/json", "--otlp-protocol must be http/protobuf or grpc")]
    [InlineData("--tracing-sampling-ratio", "1.5", "--tracing-sampling-ratio must be a number from 0 to 1")]
    [InlineData("--tracing-sampling-ratio", "-0.1", "--tracing-sampling-ratio must be a number from 0 to 1")]
    [InlineData("--tracing-sampling-ratio", "half", "--tracing-sampling-ratio must be a number from 0 to 1")]
    public void A_bad_value_is_a_usage_error_naming_the_flag(string flag, string value, string message)
    {
        string[] options = flag == "--otlp-endpoint" ? [flag, value] : ["--otlp-endpoint", "http://127.0.0.1:4318", flag, value];

        var error = ParsedCommandLine.UsageError(TracingArguments.From, ["scheduler", .. options]);

        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--otlp-protocol", "grpc")]
    [InlineData("--tracing-sampling-ratio", "0.5")]
    public void A_tracing_flag_without_an_endpoint_is_a_usage_error(string flag, string value)
    {
        var error = Assert.Throws<UsageException>(() => TracingArguments.From(After(flag, value)));

        Assert.Equal($"{flag} needs --otlp-endpoint URL", error.Message);
    }

    [Fact]
    public async Task A_bad_value_exits_with_the_usage_status()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // up reads every flag before it starts anything.
        var status = await CommandRouter.RunAsync(["up", "--data-dir", Path.Combine(Path.GetTempPath(), "never-created"), "--tracing-sampling-ratio", "2", "--otlp-endpoint", "http://127.0.0.1:1"], output, error);

        Assert.Equal(2, status);
        Assert.Contains("--tracing-sampling-ratio must be a number from 0 to 1", error.ToString(), StringComparison.Ordinal);
    }
}
