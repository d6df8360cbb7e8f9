namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>The encodings a generated body comes in; the content type also depends on the verb.</summary>
internal enum BodyFormat
{
    Json,
    Yaml,
    Protobuf,
}
