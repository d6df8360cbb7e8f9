using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Streaming;

namespace Orchestrator.ApiServer.Tests.Streaming;

public sealed class StreamingOptionsTests
{
    private static readonly ResourceDefinition Pods = ResourceRegistry.BuiltIn.Find("", "v1", "pods")!;

    [Theory]
    [InlineData("container=app", "")]
    [InlineData("follow=true&tailLines=10&timestamps=1", "?follow=true&timestamps=true&tailLines=10")]
    [InlineData("previous=true&sinceSeconds=30&limitBytes=100", "?previous=true&sinceSeconds=30&limitBytes=100")]
    [InlineData("sinceTime=2026-11-22T10:00:00%2B01:00", "?sinceTime=2026-11-22T09%3A00%3A00Z")]
    [InlineData("follow=false&tailLines=0", "?tailLines=0")]
    public void Log_options_become_the_kubelets_containerLogs_query(string query, string kubelet)
    {
        var options = PodLogOptions.FromQuery(Query(query));
        options.Validate(Pods, "web");

        Assert.Equal(kubelet, options.KubeletQuery());
    }

    [Theory]
    [InlineData("tailLines=-1", "PodLogOptions \"web\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("limitBytes=0", "PodLogOptions \"web\" is invalid: limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=0", "PodLogOptions \"web\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=5&sinceTime=2026-11-22T10:00:00Z", "PodLogOptions \"web\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")]
    public void Invalid_log_options_are_422_as_upstreams_validation(string query, string message)
    {
        var error = Assert.Throws<ApiException>(() => PodLogOptions.FromQuery(Query(query)).Validate(Pods, "web"));

        Assert.Equal((422, "Invalid", message), (error.Code, error.Reason, error.Message));
    }

    [Theory]
    [InlineData("tailLines=ten")]
    [InlineData("follow=yes")]
    [InlineData("sinceTime=yesterday")]
    public void Unparsable_log_options_are_bad_requests(string query) =>
        Assert.Equal(400, Assert.Throws<ApiException>(() => PodLogOptions.FromQuery(Query(query))).Code);

    [Theory]
    [InlineData("command=ls&command=%2F&container=app&stderr=true&stdout=true", "?output=1&error=1&command=ls&command=%2F")]
    [InlineData("command=cat&stdin=true&stdout=true&stderr=true", "?input=1&output=1&error=1&command=cat")]
    [InlineData("command=sh&stdin=true&stdout=true&tty=true", "?input=1&output=1&error=1&tty=1&command=sh")]
    [InlineData("command=echo&command=a%20b&stdout=false&stderr=false", "?output=1&error=1&command=echo&command=a+b")]
    public void Exec_options_become_the_kubelets_query_with_upstreams_defaults(string query, string kubelet) =>
        Assert.Equal(kubelet, RemoteCommandOptions.FromQuery(Query(query), exec: true).KubeletQuery());

    [Fact]
    public void Attach_takes_no_command() =>
        Assert.Equal("?input=1&output=1&error=1&tty=1", RemoteCommandOptions.FromQuery(Query("stdin=true&tty=true&command=ignored"), exec: false).KubeletQuery());

    [Theory]
    [InlineData("", true, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("", false, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("stdout=true&container=app", true, "you must specify at least one command for the container")]
    public void Exec_without_streams_or_command_is_a_bad_request(string query, bool exec, string message)
    {
        var error = Assert.Throws<ApiException>(() => RemoteCommandOptions.FromQuery(Query(query), exec));

        Assert.Equal((400, message), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("ports=8080", "?port=8080")]
    [InlineData("ports=80&ports=443", "?port=80%2C443")]
    public void Port_forward_ports_become_the_kubelets_port_parameter(string query, string kubelet) =>
        Assert.Equal(kubelet, PortForwardOptions.FromQuery(Query(query)).KubeletQuery());

    private static QueryCollection Query(string text) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text).ToDictionary(p => p.Key, p => (StringValues)p.Value));
}
