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
    /// Records who creates the object, for kinds that keep it (upstream reads the user from the
    /// request context in PrepareForCreate: a CertificateSigningRequest's spec.username, uid, groups
    /// and extra). Called right after <see cref="PrepareForCreate"/> on every create path.
    /// </summary>
    void RecordRequestor(JsonObject obj, ApiServer.Authentication.UserInfo requestor);

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
    /// Adds one cause per problem only a new object has (upstream's Validate of a create, ValidatePodCreate: a pod's
    /// ephemeral containers cannot be set on create), to the same 422 as <see cref="Validate"/>.
    /// </summary>
    void ValidateCreate(JsonObject obj, List<StatusCause> causes);

    /// <summary>
    /// Adds one cause per change that an update may not make (immutable fields) to <paramref name="causes"/>;
    /// run after <see cref="Validate"/> passed, and reported as its own 422.
    /// </summary>
    void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes);

    /// <summary>
    /// Normalizes a write through a status-like subresource (<paramref name="subresource"/> "status", or a kind's own
    /// such as a CertificateSigningRequest's "approval") after everything but status was reset to the stored object:
    /// upstream's status strategies' PrepareForUpdate (a CSR's status path keeps the stored Approved/Denied conditions).
    /// </summary>
    void PrepareForStatusUpdate(string subresource, JsonObject current, JsonObject updated);

    /// <summary>Adds one cause per problem of a status-like write (upstream's status strategies' ValidateUpdate); reported as a 422.</summary>
    void ValidateStatusUpdate(string subresource, JsonObject current, JsonObject updated, List<StatusCause> causes);

    /// <summary>
    /// Whether a PUT to a missing object creates it, answering 201 (upstream's AllowCreateOnUpdate);
    /// when false the PUT answers 404. A PUT to a subresource never creates.
    /// </summary>
    bool AllowCreateOnUpdate { get; }

    /// <summary>
    /// Reserves what a new object claims outside itself (a Service's cluster IP and node ports) and
    /// writes what it got into the object: upstream's BeginCreate of the service REST. Called for
    /// every create (POST, server-side apply, PUT that creates) after <see cref="RegistryRules.PrepareCreate"/>
    /// and just before the object is stored, never on a dry run. When the store then refuses the object,
    /// <see cref="AfterDeleteAsync"/> gives the reservation back.
    /// </summary>
    /// <exception cref="ApiException">422 when a value the object asks for is taken or out of range.</exception>
    Task BeforeCreateAsync(JsonObject obj, ServiceAllocator allocator, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back what <see cref="BeforeCreateAsync"/> reserved for <paramref name="deleted"/> (upstream's
    /// AfterDelete): called once the object is gone from the store, and when its create failed after the
    /// reservation. Idempotent: giving back what is not held does nothing.
    /// </summary>
    Task AfterDeleteAsync(JsonObject deleted, ServiceAllocator allocator, CancellationToken cancellationToken);

    /// <summary>
    /// Graceful deletion (upstream's RESTGracefulDeleteStrategy.CheckGracefulDelete): the seconds a
    /// delete leaves the object marked before it goes, <paramref name="requested"/> being the
    /// DeleteOptions' gracePeriodSeconds. Null when the kind does not delete gracefully (it goes at once
    /// unless finalizers keep it); 0 for an object that needs no grace any more (a finished pod).
    /// </summary>
    long? GracePeriodSeconds(JsonObject obj, long? requested);

    /// <summary>
    /// Whether finalizers of the kind's own keep <paramref name="obj"/> once it is marked for deletion,
    /// as metadata.finalizers do: a namespace's spec.finalizers, cleared through namespaces/finalize.
    /// </summary>
    bool HasOwnFinalizers(JsonObject obj);

    /// <summary>
    /// Records on an object just marked for deletion (deletionTimestamp set or moved earlier) what the
    /// kind shows while it is being deleted: a namespace's phase Terminating. Changes <paramref name="marked"/>, a copy.
    /// </summary>
    void PrepareForDelete(JsonObject marked);

    /// <summary>The kind's <c>kubectl get</c> table.</summary>
    ITablePrinter Printer { get; }

    /// <summary>The fields a list or watch can select the kind by, and the error for any other.</summary>
    SelectableFields FieldSelectors { get; }
}
