using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Selectors;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// The rules of one kind, in one place: upstream's <c>pkg/registry/&lt;group&gt;/&lt;resource&gt;/strategy.go</c>.
/// <see cref="RegistryRules"/> calls these on every write of the kind, in the order documented there; a
/// kind without special rules uses <see cref="ResourceStrategy"/>. Implementations are stateless and
/// thread-safe; they change the object they are given and never the stored one.
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
    /// <paramref name="current"/> is the stored object, read-only. May throw <see cref="ApiException"/>
    /// for a change that is rejected on its own, before any validation (a Service's cluster IP).
    /// </summary>
    void PrepareForUpdate(JsonObject current, JsonObject updated);

    /// <summary>
    /// Fills absent fields with upstream's defaults (the SetDefaults_* run on every decode). Only absent
    /// fields are filled, so running it again, or on an update, changes nothing the client set.
    /// </summary>
    /// <param name="create">Whether the object is being created: some defaults apply to new objects only.</param>
    void Default(JsonObject obj, bool create);

    /// <summary>
    /// Sets the status a new object starts with (upstream resets it in PrepareForCreate): most kinds with
    /// a status subresource start with none, pods and volumes <c>Pending</c>, namespaces <c>Active</c>,
    /// nodes keep what the kubelet registers them with. Called after defaulting and admission.
    /// </summary>
    /// <param name="hasStatusSubresource">Whether the kind serves <c>/status</c>: only then does a client not own the status.</param>
    void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource);

    /// <summary>Adds one cause per problem of a defaulted object (create and update) to <paramref name="causes"/>.</summary>
    void Validate(JsonObject obj, List<StatusCause> causes);

    /// <summary>
    /// Adds one cause per change that an update may not make (immutable fields) to <paramref name="causes"/>;
    /// run after <see cref="Validate"/> passed, and reported as its own 422.
    /// </summary>
    void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes);

    /// <summary>
    /// Whether a PUT to a missing object creates it (upstream's AllowCreateOnUpdate). The update
    /// handler answers 404 when it is false, which no served kind changes today.
    /// </summary>
    bool AllowCreateOnUpdate { get; }

    /// <summary>The kind's <c>kubectl get</c> table.</summary>
    ITablePrinter Printer { get; }

    /// <summary>The fields a list or watch can select the kind by, and the error for any other.</summary>
    SelectableFields FieldSelectors { get; }
}
