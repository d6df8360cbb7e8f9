using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Streaming;

namespace Orchestrator.ApiServer.Tests.Streaming;

public sealed class ExecStatusTests
{
    [Theory]
    [InlineData("", """{"metadata":{},"status":"Success"}""")]
    [InlineData("""{"metadata":{},"status":"Success"}""", """{"metadata":{},"status":"Success"}""")]
    [InlineData(
        """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""",
        """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command terminated with exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""")]
    [InlineData(
        """{"metadata":{},"status":"Failure","message":"container not found (\"app\")"}""",
        """{"metadata":{},"status":"Failure","message":"Internal error occurred: container not found (\"app\")","reason":"InternalError","details":{"causes":[{"message":"container not found (\"app\")"}]},"code":500}""")]
    [InlineData(
        """{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"300"}]}}""",
        """{"metadata":{},"status":"Failure","message":"Internal error occurred: error stream protocol error: invalid exit code value \"300\"","reason":"InternalError","details":{"causes":[{"message":"error stream protocol error: invalid exit code value \"300\""}]},"code":500}""")]
    public void The_v4_error_stream_becomes_the_v5_status_upstreams_translator_sends(string errorStream, string status) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(status), ExecStatus.FromErrorStream(Encoding.UTF8.GetBytes(errorStream))),
            ExecStatus.FromErrorStream(Encoding.UTF8.GetBytes(errorStream)).ToJsonString());
}
