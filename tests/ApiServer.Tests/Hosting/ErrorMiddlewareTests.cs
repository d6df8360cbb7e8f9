using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Hosting;

namespace Orchestrator.ApiServer.Tests.Hosting;

public sealed class ErrorMiddlewareTests
{
    [Theory]
    [InlineData(400, "BadRequest", "Unexpected end of request content.")]
    [InlineData(408, "Timeout", "Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.")]
    [InlineData(413, "RequestEntityTooLarge", "Request body too large.")]
    [InlineData(431, "BadRequest", "Request headers too long.")]
    public async Task A_bad_request_from_Kestrel_is_a_Status_with_its_code_and_no_error_is_logged(int code, string reason, string message)
    {
        var logger = new CountingLogger();
        var context = NewContext();

        await new ErrorMiddleware(_ => throw new BadHttpRequestException(message, code), logger).InvokeAsync(context);

        Assert.Equal(code, context.Response.StatusCode);
        var status = ReadBody(context);
        Assert.Equal((code, reason, message), (status["code"]!.GetValue<int>(), status["reason"]!.GetValue<string>(), status["message"]!.GetValue<string>()));
        Assert.Equal(0, logger.Errors);
    }

    [Fact]
    public async Task A_client_that_went_away_gets_nothing_and_logs_nothing()
    {
        var logger = new CountingLogger();
        var context = NewContext();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        context.RequestAborted = aborted.Token;

        await new ErrorMiddleware(_ => throw new IOException("connection reset"), logger).InvokeAsync(context);
        await new ErrorMiddleware(_ => throw new OperationCanceledException(), logger).InvokeAsync(context);
        await new ErrorMiddleware(_ => throw new BadHttpRequestException("Unexpected end of request content.", 400), logger).InvokeAsync(context);

        Assert.Equal(0, context.Response.Body.Length);
        Assert.Equal(0, logger.Errors);
    }

    [Fact]
    public async Task Anything_else_is_a_logged_500()
    {
        var logger = new CountingLogger();
        var context = NewContext();

        await new ErrorMiddleware(_ => throw new InvalidOperationException("boom"), logger).InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("InternalError", ReadBody(context)["reason"]!.GetValue<string>());
        Assert.Equal(1, logger.Errors);
    }

    private static DefaultHttpContext NewContext() => new() { Response = { Body = new MemoryStream() } };

    private static JsonObject ReadBody(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return (JsonObject)JsonNode.Parse(context.Response.Body)!;
    }

    private sealed class CountingLogger : ILogger<ErrorMiddleware>
    {
        public int Errors { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Errors += logLevel >= LogLevel.Error ? 1 : 0;
    }
}
