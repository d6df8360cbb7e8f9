using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Core.Services;

/// <summary>
/// Services (upstream pkg/registry/core/service/strategy.go): defaults on create, an empty load
/// balancer status, a cluster IP and node ports reserved from the <see cref="ServiceAllocator"/> on
/// create (upstream's service REST) and given back on delete, and a cluster IP that an update may leave
/// out (it is kept) but never change. A PUT may create.
/// </summary>
internal sealed class ServiceStrategy() : ResourceStrategy(new ServicePrinter(), Selectable)
{
    private static readonly SelectableFields Selectable = new(Metadata(Field("spec.clusterIP"), Field("spec.type")), NotSupported);

    public override bool AllowCreateOnUpdate => true;

    /// <exception cref="ApiException">422 when the update changes the cluster IP.</exception>
    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        if (updated["spec"] is not JsonObject spec)
        {
            return;
        }

        var old = current["spec"]?["clusterIP"]?.GetValue<string>();
        var now = spec["clusterIP"]?.GetValue<string>();
        if (string.IsNullOrEmpty(now))
        {
            spec["clusterIP"] = old;
            spec["clusterIPs"] = current["spec"]?["clusterIPs"]?.DeepClone();
        }
        else if (now != old)
        {
            throw ApiErrors.Invalid("", "Service", ObjectMeta.Name(current) ?? "", [new StatusCause("FieldValueInvalid", $"Invalid value: \"{now}\": field is immutable", "spec.clusterIPs[0]")]);
        }
    }

    public override Task BeforeCreateAsync(JsonObject obj, ServiceAllocator allocator, CancellationToken cancellationToken) =>
        allocator.AllocateAsync(obj, cancellationToken);

    public override Task AfterDeleteAsync(JsonObject deleted, ServiceAllocator allocator, CancellationToken cancellationToken) =>
        allocator.ReleaseAsync(deleted, cancellationToken);

    public override void Default(JsonObject obj, bool create)
    {
        if (create)
        {
            ServiceDefaults.Apply(obj);
        }
    }

    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource) =>
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };

    public override void Validate(JsonObject obj, List<StatusCause> causes) => ServiceValidation.Validate(obj, causes);
}
