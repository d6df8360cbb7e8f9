namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>A ControllerRevision with the hashed name exists but records another template.</summary>
internal sealed class HashCollisionException : Exception
{
    public HashCollisionException()
    {
    }

    public HashCollisionException(string name)
        : base($"controller revision {name} exists with different data")
    {
    }

    public HashCollisionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
