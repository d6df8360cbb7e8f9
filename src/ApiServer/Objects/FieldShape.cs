namespace Orchestrator.ApiServer.Objects;

/// <summary>A property's shape: its kind, the model type of an object, the element shape of a list or map.</summary>
internal sealed record FieldShape(FieldKind Kind, Type? ObjectType = null, FieldShape? Element = null);
