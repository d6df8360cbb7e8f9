using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>
/// <c>serviceaccounts/token</c> (upstream's TokenREST): issues a service-account token for an
/// authentication.k8s.io/v1 TokenRequest, optionally bound to a Pod, Secret or Node that must exist
/// (with the uid given); audiences default to the API audiences, the lifetime to 3600 s (at least
/// 600). A server without a signing key does not serve it (404, as upstream without an issuer). The
/// TokenRequest is admitted as a create of the subresource first (NodeRestriction: a node's token must be bound to its own pod).
/// </summary>
internal sealed class TokenRequestHandler(ResourceRegistry registry, CredentialObjects objects, AdmissionChain admission, ServiceAccountTokenIssuer? issuer = null, ServiceAccountTokenKeys? keys = null) : ISubresourceHandler
{
    private const string Group = "authentication.k8s.io";
    private const string Kind = "TokenRequest";
    private const long DefaultExpirationSeconds = 3600;
    private const long MinExpirationSeconds = 600;
    private const long MaxExpirationSeconds = 1L << 32;

    public string Name => "token";

    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        if (issuer is null || keys is null)
        {
            throw ApiErrors.ResourceNotFound();
        }

        var body = await SubresourceBody.ReadAsync(context, "POST");
        BodyChecks.CheckSchema(request.Resource with { Group = Group, Kind = Kind }, typeof(k8s.Models.Authenticationv1TokenRequest), Kind, body, RequestOptions.FieldValidationOf(context), context.RequestAborted);
        var ns = request.Namespace!;
        var name = request.Name!;
        var metadata = body["metadata"] as JsonObject ?? [];
        CheckMatches(metadata, "name", name, "must match the service account name if specified", name);
        CheckMatches(metadata, "namespace", ns, "must match the service account namespace if specified", name);
        var admitted = new AdmissionAttributes(AdmissionOperation.Create, request.Resource, Name, ns, name, body, null, RequestOptions.IsDryRun(context));
        admission.Admit(admitted);
        admission.Validate(admitted);

        var serviceAccount = await objects.ServiceAccountAsync(ns, name, context.RequestAborted, fromStore: true)
            ?? throw ApiErrors.NotFound(request.Resource, name);
        var spec = body["spec"] as JsonObject ?? [];
        IReadOnlyList<string> audiences = spec["audiences"] is JsonArray asked && asked.Count > 0 ? [.. asked.Select(a => a?.GetValue<string>() ?? "")] : keys.ApiAudiences;
        var expirationSeconds = spec["expirationSeconds"]?.GetValue<long>() ?? DefaultExpirationSeconds;
        CheckExpiration(expirationSeconds);

        var bound = spec["boundObjectRef"] as JsonObject;
        var (pod, secret, node) = bound is null ? (null, null, null) : await BoundObjectsAsync(ns, name, bound, context.RequestAborted);
        var (token, expiration) = issuer.Issue(new TokenGrant(ns, new BoundObject(name, CredentialObjects.UidOf(serviceAccount)), pod, secret, node, audiences, expirationSeconds));

        spec["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]);
        spec["expirationSeconds"] = expirationSeconds;
        var answer = new JsonObject
        {
            ["kind"] = Kind,
            ["apiVersion"] = Group + "/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["creationTimestamp"] = Timestamp(expiration.AddSeconds(-expirationSeconds)),
            },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = Timestamp(expiration) },
        };
        await Responses.WriteJsonAsync(context, 201, answer);
    }

    private async Task<(BoundObject? Pod, BoundObject? Secret, BoundObject? Node)> BoundObjectsAsync(string ns, string serviceAccount, JsonObject reference, CancellationToken cancellationToken)
    {
        var apiVersion = reference["apiVersion"]?.GetValue<string>() ?? "";
        var kind = reference["kind"]?.GetValue<string>() ?? "";
        var refName = reference["name"]?.GetValue<string>() ?? "";
        var refUid = reference["uid"]?.GetValue<string>() ?? "";
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
        BoundObject? pod = null, secret = null, node = null;
        JsonObject found;
        switch (group, kind)
        {
            case ("", "Pod"):
                found = await objects.PodAsync(ns, refName, cancellationToken, fromStore: true) ?? throw NotFound("pods", refName);
                if (found["spec"]?["serviceAccountName"]?.GetValue<string>() != serviceAccount)
                {
                    throw ApiErrors.BadRequest($"cannot bind token for serviceaccount \"{serviceAccount}\" to pod running with different serviceaccount name.");
                }

                pod = new BoundObject(refName, CredentialObjects.UidOf(found));
                if (found["spec"]?["nodeName"]?.GetValue<string>() is { Length: > 0 } nodeName)
                {
                    // The pod's node is recorded even when its Node object is gone (upstream: name only).
                    node = await objects.NodeAsync(nodeName, cancellationToken) is { } podNode ? new BoundObject(nodeName, CredentialObjects.UidOf(podNode)) : new BoundObject(nodeName, "");
                }

                break;
            case ("", "Secret"):
                found = await objects.SecretAsync(ns, refName, cancellationToken, fromStore: true) ?? throw NotFound("secrets", refName);
                secret = new BoundObject(refName, CredentialObjects.UidOf(found));
                break;
            case ("", "Node"):
                found = await objects.NodeAsync(refName, cancellationToken, fromStore: true) ?? throw NotFound("nodes", refName);
                node = new BoundObject(refName, CredentialObjects.UidOf(found));
                break;
            default:
                throw ApiErrors.BadRequest($"cannot bind token to object of type {group}/{version}, Kind={kind}");
        }

        if (refUid.Length > 0 && refUid != CredentialObjects.UidOf(found))
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {kind} \"{refName}\": the UID in the bound object reference ({refUid}) does not match the UID in record. The object might have been deleted and then recreated")
            {
                DetailsName = refName,
                DetailsKind = kind,
            };
        }

        return (pod, secret, node);
    }

    private ApiException NotFound(string plural, string name) => ApiErrors.NotFound(registry.Find("", "v1", plural)!, name);

    /// <summary>Upstream's ValidateTokenRequest: 422 outside [10 minutes, 2^32 seconds].</summary>
    private static void CheckExpiration(long seconds)
    {
        var message = seconds switch
        {
            < MinExpirationSeconds => "may not specify a duration less than 10 minutes",
            > MaxExpirationSeconds => "may not specify a duration larger than 2^32 seconds",
            _ => null,
        };
        if (message is not null)
        {
            throw ApiErrors.Invalid(Group, Kind, "", [new StatusCause("FieldValueInvalid", $"Invalid value: {seconds.ToString(CultureInfo.InvariantCulture)}: {message}", "spec.expirationSeconds")]);
        }
    }

    private static void CheckMatches(JsonObject metadata, string field, string expected, string message, string name)
    {
        if (metadata[field]?.GetValue<string>() is { Length: > 0 } given && given != expected)
        {
            throw ApiErrors.Invalid(Group, Kind, name, [new StatusCause("FieldValueInvalid", $"Invalid value: \"{given}\": {message}", "metadata." + field)]);
        }
    }

    private static string Timestamp(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
