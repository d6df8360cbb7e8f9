using Orchestrator.ApiServer.Hosting;

namespace Orchestrator.ApiServer.Tests.Hosting;

public sealed class RawPathTests
{
    [Theory]
    [InlineData("/api/v1/pods", "/api/v1/pods")]
    [InlineData("/api/v1/pods?watch=1", "/api/v1/pods")]
    [InlineData("http://host:6443/api/v1?x", "/api/v1")]
    [InlineData("http://host:6443", "/")]
    [InlineData("*", null)]
    [InlineData("host:443", null)]
    public void The_path_is_taken_from_any_request_target_form(string target, string? path) =>
        Assert.Equal(path, RawPath.PathOf(target));

    [Theory]
    [InlineData("/api/v1/namespaces/../secrets", "api|v1|namespaces|..|secrets")]
    [InlineData("/api/v1/namespaces/%2e%2e/secrets", "api|v1|namespaces|..|secrets")]
    [InlineData("/api/v1/namespaces/%2E/secrets", "api|v1|namespaces|.|secrets")]
    [InlineData("/api/v1/namespaces/a%2Fb/secrets", "api|v1|namespaces|a/b|secrets")]
    [InlineData("/api/v1/namespaces/a%25b", "api|v1|namespaces|a%b")]
    [InlineData("/api//v1/", "api||v1|")]
    [InlineData("/", "")]
    public void Segments_are_split_before_they_are_decoded(string path, string segments) =>
        Assert.Equal(segments, string.Join('|', RawPath.Segments(path)));

    [Theory]
    [InlineData("/api/v1/namespaces/../secrets", "/api/v1/namespaces/../secrets")]
    [InlineData("/api/v1/namespaces/a%2Fb/x", "/api/v1/namespaces/a%2Fb/x")]
    [InlineData("/a/%25/%252F/%2F%25", "/a/%25/%252F/%2F%25")]
    public void The_routing_path_keeps_every_segment_whole_and_unescapes_back(string path, string routing)
    {
        var segments = RawPath.Segments(path);

        var joined = RawPath.ToRoutingPath(segments);

        Assert.Equal(routing, joined);
        Assert.Equal(segments, joined.Split('/').Skip(1).Select(RawPath.Unescape));
    }
}
