using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Handlers;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Warning headers capped as kube-apiserver's recorder caps them: 4,096 runes in all, 256 per warning once truncating.</summary>
public sealed class WarningRecorderTests
{
    [Fact]
    public void FewWarningsGoOutWholeAndOnce()
    {
        var context = new DefaultHttpContext();
        Responses.AddWarning(context, "unknown field \"a\"");
        Responses.AddWarning(context, "unknown field \"b\"");
        Responses.AddWarning(context, "unknown field \"a\"");
        Assert.Equal(new string?[] { "299 - \"unknown field \\\"a\\\"\"", "299 - \"unknown field \\\"b\\\"\"" }, context.Response.Headers["Warning"].ToArray());
    }

    [Fact]
    public void ManyWarningsAreCapped()
    {
        var context = new DefaultHttpContext();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 40_000; i++)
        {
            Responses.AddWarning(context, $"unknown field \"spec.field{i}\"");
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        var headers = context.Response.Headers["Warning"].ToArray();
        Assert.InRange(headers.Sum(h => h!.Length), 1, 4096 + (headers.Length * 12));
        Assert.Equal("299 - \"unknown field \\\"spec.field0\\\"\"", headers[0]);
    }

    [Fact]
    public void LongWarningsAreTruncatedOnceTheTotalIsPassed()
    {
        var context = new DefaultHttpContext();
        Responses.AddWarning(context, new string('a', 3000));
        Responses.AddWarning(context, new string('b', 3000));
        var headers = context.Response.Headers["Warning"].ToArray();
        Assert.Equal(2, headers.Length);
        Assert.All(headers, h => Assert.Equal(256 + 8, h!.Length));
    }

    [Fact]
    public void ControlCharactersBecomeSpaces()
    {
        var context = new DefaultHttpContext();
        Responses.AddWarning(context, "unknown field \"a\nb\"");
        Assert.Equal("299 - \"unknown field \\\"a b\\\"\"", context.Response.Headers["Warning"].ToString());
    }
}
