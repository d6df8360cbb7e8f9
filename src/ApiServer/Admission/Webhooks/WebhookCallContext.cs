namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>What every review of one request shares, read once on the request's thread: the user, the operation's options and the request's cancellation.</summary>
internal sealed record WebhookCallContext(UserInfo User, JsonObject Options, CancellationToken RequestAborted);
