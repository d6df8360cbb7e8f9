namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Calls one matched webhook the way both dispatchers do (upstream's callHook / callAttrMutatingHook up to
/// the answer): refuses a dry run to a webhook that may have side effects, picks the review version, builds
/// the review, calls, and checks the answer. Thread-safe: validating webhooks are called in parallel.
/// </summary>
internal sealed class WebhookInvoker(IWebhookCaller caller, IHttpContextAccessor accessor)
{
    /// <summary>The shared part of every review of the current request.</summary>
    public WebhookCallContext Context(WebhookRequest request)
    {
        var context = accessor.HttpContext;
        return new WebhookCallContext(WebhookRequestContext.User(context), WebhookRequestContext.Options(context, request), context?.RequestAborted ?? CancellationToken.None);
    }

    /// <summary>The webhook's checked answer.</summary>
    /// <exception cref="Errors.ApiException">400 for a dry run the webhook cannot take.</exception>
    /// <exception cref="WebhookCallException">The call failed or the answer is invalid: for failurePolicy to decide.</exception>
    public WebhookResponse Invoke(WebhookInvocation invocation, WebhookRequest request, WebhookCallContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var hook = invocation.Hook;
        if (request.DryRun && hook.SideEffects is not ("None" or "NoneOnDryRun"))
        {
            throw WebhookErrors.DryRunUnsupported(hook.Name);
        }

        var version = AdmissionReviewRequest.Version(hook)
            ?? throw new WebhookCallException(hook.Name, "could not create admission objects: webhook does not accept known AdmissionReview versions (v1, v1beta1)");
        var uid = Guid.NewGuid().ToString();
        var review = AdmissionReviewRequest.Build(version, uid, invocation, request, context.User, context.Options);
        var answer = caller.Call(hook, review, context.RequestAborted);
        return WebhookResponse.Read(hook, version, uid, answer);
    }

    /// <summary>Passes the answer's warnings to the client as <c>Warning</c> headers; on the request's thread only.</summary>
    public void Record(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (accessor.HttpContext is { } context && response.Warnings.Count > 0)
        {
            var recorder = WarningRecorder.For(context);
            foreach (var warning in response.Warnings)
            {
                recorder.Add(warning);
            }
        }
    }
}
