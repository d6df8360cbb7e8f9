using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// The strategy of a kind with no rules of its own: upstream's default table (NAME, CREATED AT), selection
/// by metadata.name and metadata.namespace, no defaults, no validation beyond metadata, no create on
/// update, nothing reserved on create, deleted at once unless metadata.finalizers keep it. Derive from it
/// and override what the kind needs.
/// </summary>
internal class ResourceStrategy(ITablePrinter? printer = null, SelectableFields? fieldSelectors = null) : IResourceStrategy
{
    // Before Instance: static fields initialize in order, and Instance's constructor reads it.
    private static readonly ITablePrinter DefaultPrinter = new DefaultPrinter();

    /// <summary>The strategy of every kind that has no class of its own.</summary>
    public static readonly IResourceStrategy Instance = new ResourceStrategy();

    public ITablePrinter Printer { get; } = printer ?? DefaultPrinter;

    public SelectableFields FieldSelectors { get; } = fieldSelectors ?? FieldSelectorFields.Default;

    public virtual bool AllowCreateOnUpdate => false;

    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    public virtual void RecordRequestor(JsonObject obj, ApiServer.Authentication.UserInfo requestor)
    {
    }

    public virtual void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
    }

    public virtual void Default(JsonObject obj, bool create)
    {
    }

    public virtual void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource)
    {
        if (hasStatusSubresource)
        {
            obj.Remove("status");
        }
    }

    public virtual void Validate(JsonObject obj, List<StatusCause> causes)
    {
    }

    public virtual void ValidateCreate(JsonObject obj, List<StatusCause> causes)
    {
    }

    public virtual void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
    }

    public virtual void PrepareForStatusUpdate(string subresource, JsonObject current, JsonObject updated)
    {
    }

    public virtual void ValidateStatusUpdate(string subresource, JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
    }

    public virtual Task BeforeCreateAsync(JsonObject obj, ServiceAllocator allocator, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task AfterDeleteAsync(JsonObject deleted, ServiceAllocator allocator, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual long? GracePeriodSeconds(JsonObject obj, long? requested) => null;

    public virtual bool HasOwnFinalizers(JsonObject obj) => false;

    public virtual void PrepareForDelete(JsonObject marked)
    {
    }

    /// <summary>A new object's status: only <paramref name="phase"/>, whatever the client sent.</summary>
    protected static void StartInPhase(JsonObject obj, string phase) => obj["status"] = new JsonObject { ["phase"] = phase };
}
