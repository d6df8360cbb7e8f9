using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Orchestrator.Kubelet.Server;
using Orchestrator.Kubelet.Server.Logs;

namespace Orchestrator.Kubelet.Tests.Server.Logs;

public sealed class LogQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", false, null, null, false, null, false)]
    [InlineData("?follow=true&timestamps=1&previous=true", true, null, null, true, null, true)]
    [InlineData("?tailLines=10&limitBytes=100", false, 10L, null, false, 100L, false)]
    [InlineData("?tail=5", false, 5L, null, false, null, false)]
    [InlineData("?tail=all&tailLines=3", false, null, null, false, null, false)]
    [InlineData("?tailLines=0", false, 0L, null, false, null, false)]
    [InlineData("?sinceSeconds=60", false, null, "2026-01-01T11:59:00Z", false, null, false)]
    [InlineData("?sinceTime=2026-01-01T10:00:00Z", false, null, "2026-01-01T10:00:00Z", false, null, false)]
    [InlineData("?follow=false&previous=0", false, null, null, false, null, false)]
    public void Reads_upstream_PodLogOptions(string query, bool follow, long? tailLines, string? since, bool timestamps, long? limitBytes, bool previous)
    {
        var (options, isPrevious) = LogQuery.Parse(QueryHelpersParse(query), Now);
        DateTimeOffset? expectedSince = since is null ? null : DateTimeOffset.Parse(since, CultureInfo.InvariantCulture);
        Assert.Equal(new LogOptions(follow, tailLines, expectedSince, timestamps, limitBytes), options);
        Assert.Equal(previous, isPrevious);
    }

    [Theory]
    [InlineData("?tailLines=-1", HttpStatusCode.UnprocessableEntity)]
    [InlineData("?limitBytes=0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("?sinceSeconds=0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("?sinceSeconds=5&sinceTime=2026-01-01T10:00:00Z", HttpStatusCode.UnprocessableEntity)]
    [InlineData("?tailLines=ten", HttpStatusCode.BadRequest)]
    [InlineData("?follow=yes", HttpStatusCode.BadRequest)]
    [InlineData("?sinceTime=noon", HttpStatusCode.BadRequest)]
    public void Refuses_invalid_options(string query, HttpStatusCode status)
    {
        var error = Assert.Throws<StreamingRuntimeException>(() => LogQuery.Parse(QueryHelpersParse(query), Now));
        Assert.Equal(status, error.StatusCode);
    }

    private static QueryCollection QueryHelpersParse(string query) => new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
}
