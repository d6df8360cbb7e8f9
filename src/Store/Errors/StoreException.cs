namespace Orchestrator.Store;

/// <summary>Base of the store's semantic errors (each maps to one API status later).</summary>
public abstract class StoreException : Exception
{
    private protected StoreException(string message)
        : base(message)
    {
    }
}
