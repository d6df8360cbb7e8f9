using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// The rules of one kind, in one place: upstream's <c>pkg/registry/&lt;group&gt;/&lt;resource&gt;/strategy.go</c>.
/// The generic handler calls these on every write of the kind; a kind without special rules uses
/// <see cref="ResourceStrategy"/>. Implementations are stateless and thread-safe; they change the
/// object they are given and never the stored one.
/// </summary>
internal interface IResourceStrategy
{
    /// <summary>
    /// Normalizes a new object before defaulting and validation (upstream: PrepareForCreate and the
    /// conversion to the internal version), e.g. a Secret's <c>stringData</c> merged into <c>data</c>.
    /// Called for create and for server-side apply that creates.
    /// </summary>
    void PrepareForCreate(JsonObject obj);

    /// <summary>
    /// Normalizes an updated object (PUT, every patch type, apply) before defaulting and validation;
    /// <paramref name="current"/> is the stored object, read-only.
    /// </summary>
    void PrepareForUpdate(JsonObject current, JsonObject updated);
}
