namespace Orchestrator.ApiServer.Tracing;

/// <summary>
/// Names and describes the server span ASP.NET Core's hosting starts for each request (with the incoming
/// <c>traceparent</c>/<c>tracestate</c> as its parent) when a tracer provider listens: the name as kube-apiserver's
/// WithTracing gives it (<c>POST /api/v1/namespaces/{:namespace}/pods</c>; the method alone for a non-resource
/// path), the request's attributes, and the status code the client got. With tracing off there is no activity
/// and this costs one check.
/// </summary>
internal sealed class RequestTracingMiddleware(RequestDelegate next)
{
    // Every status code boxed once: a traced request should not allocate an object for its code attribute.
    private static readonly object[] BoxedCodes = Enumerable.Range(0, 600).Select(c => (object)c).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        return activity is { IsAllDataRequested: true, Kind: ActivityKind.Server }
            ? TraceAsync(context, activity)
            : next(context);
    }

    private async Task TraceAsync(HttpContext context, Activity activity)
    {
        var request = context.Request;
        activity.DisplayName = request.Method;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.path", request.Path.Value);
        try
        {
            Describe(activity, RequestAttributes.From(context, UserInfo.AnonymousUser), request.Method);
        }
        catch (Exception e) when (e is Errors.ApiException or FormatException or ArgumentException or InvalidOperationException)
        {
            // A malformed request (watch=maybe): the pipeline answers it with its 400; the span keeps the method name.
        }

        try
        {
            await next(context);
        }
        finally
        {
            var code = context.Response.StatusCode;
            activity.SetTag("http.response.status_code", (uint)code < BoxedCodes.Length ? BoxedCodes[code] : code);
            if (code >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    private static void Describe(Activity activity, AuthorizationAttributes attributes, string method)
    {
        if (!attributes.IsResourceRequest)
        {
            return;
        }

        activity.DisplayName = RequestSpanName.Of(attributes, method);
        activity.SetTag(RequestSpanName.Verb, attributes.Verb);
        activity.SetTag(RequestSpanName.Group, attributes.ApiGroup);
        activity.SetTag(RequestSpanName.Version, attributes.ApiVersion);
        activity.SetTag(RequestSpanName.Resource, attributes.Resource);
        SetIfAny(activity, RequestSpanName.Subresource, attributes.Subresource);
        SetIfAny(activity, RequestSpanName.Namespace, attributes.Namespace);
        SetIfAny(activity, RequestSpanName.Name, attributes.Name);
    }

    private static void SetIfAny(Activity activity, string key, string value)
    {
        if (value.Length > 0)
        {
            activity.SetTag(key, value);
        }
    }
}
