namespace Orchestrator.ApiServer.Objects;

/// <summary>A property's shape: its kind, the model type of an object, the element shape of a list or map, and for integers whether they are int32.</summary>
internal sealed record FieldShape(FieldKind Kind, Type? ObjectType = null, FieldShape? Element = null, bool Is32Bit = false);
