namespace Orchestrator.ApiServer.Objects;

/// <summary>The JSON shape a model property accepts.</summary>
internal enum FieldKind
{
    Object,
    List,
    Map,
    String,
    Integer,
    Number,
    Boolean,
    IntOrString,
    Quantity,
    Time,
    Bytes,
    Any,
}
