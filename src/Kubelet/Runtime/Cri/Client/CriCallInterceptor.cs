using Grpc.Core.Interceptors;
using Orchestrator.Kubelet.Metrics;

namespace Orchestrator.Kubelet.Runtime.Cri.Client;

/// <summary>
/// Wraps every CRI call: applies the default deadline (<see cref="CriTimeouts"/>) when the caller gave
/// none, records <see cref="RuntimeOperationMetrics"/> under the RPC's operation_type and logs one debug line.
/// All CRI RPCs are unary, so only unary calls are intercepted.
/// </summary>
internal sealed partial class CriCallInterceptor(CriClientOptions options, TimeProvider time, ILogger logger) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var operation = CriOperations.For(context.Method.Name);
        var started = Stopwatch.GetTimestamp();
        var call = continuation(request, WithDefaultDeadline(request, context));
        return new AsyncUnaryCall<TResponse>(
            ObserveAsync(call.ResponseAsync, operation, started), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var operation = CriOperations.For(context.Method.Name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = continuation(request, WithDefaultDeadline(request, context));
            Record(operation, started, error: null);
            return response;
        }
        catch (Exception e)
        {
            Record(operation, started, e);
            throw;
        }
    }

    private ClientInterceptorContext<TRequest, TResponse> WithDefaultDeadline<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        if (context.Options.Deadline is not null || CriTimeouts.For(context.Method.Name, request, options) is not { } timeout)
        {
            return context;
        }

        var deadline = time.GetUtcNow().UtcDateTime + timeout;
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithDeadline(deadline));
    }

    private async Task<TResponse> ObserveAsync<TResponse>(Task<TResponse> response, string operation, long started)
    {
        try
        {
            var result = await response.ConfigureAwait(false);
            Record(operation, started, error: null);
            return result;
        }
        catch (Exception e)
        {
            Record(operation, started, e);
            throw;
        }
    }

    private void Record(string operation, long started, Exception? error)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        RuntimeOperationMetrics.Record(operation, elapsed, failed: error is not null);
        if (error is null)
        {
            LogCall(operation, elapsed.TotalMilliseconds);
            return;
        }

        LogFailedCall(operation, elapsed.TotalMilliseconds, error is RpcException rpc ? rpc.StatusCode.ToString() : error.GetType().Name, error.Message);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "CRI {Operation} took {ElapsedMs:F1} ms")]
    private partial void LogCall(string operation, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CRI {Operation} failed after {ElapsedMs:F1} ms: {Status} {Detail}")]
    private partial void LogFailedCall(string operation, double elapsedMs, string status, string detail);
}
