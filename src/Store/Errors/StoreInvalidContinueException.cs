namespace Orchestrator.Store;

/// <summary>A continue token was malformed or belongs to another prefix.</summary>
public sealed class StoreInvalidContinueException(string reason)
    : StoreException($"invalid continue token: {reason}");
