namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>
/// Bound service-account JWTs (upstream's <c>pkg/serviceaccount/jwt.go</c> and <c>claims.go</c>):
/// a token of another issuer is "not mine"; one of ours must carry a valid signature, be within
/// <c>nbf</c>/<c>exp</c> (one minute of leeway, go-jose's default), name an audience asked for, and
/// its service account and bound pod, secret or node must still exist with the uid it names.
/// </summary>
internal sealed class ServiceAccountTokenAuthenticator(ServiceAccountTokenKeys keys, CredentialObjects objects, TimeProvider time) : ITokenAuthenticator
{
    public static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        if (JsonWebSignature.ReadPayload(token) is not { } payload || ServiceAccountClaims.String(payload, "iss") != keys.Issuer)
        {
            return AuthenticationOutcome.NotMine;
        }

        if (!JsonWebSignature.Verify(token, keys.Key))
        {
            return AuthenticationOutcome.Failure("invalid signature");
        }

        if (ServiceAccountClaims.Parse(payload) is not { } claims)
        {
            return AuthenticationOutcome.Failure("service account token claims could not be validated");
        }

        var now = time.GetUtcNow();
        if (CheckTimes(claims, now) is { } timeError)
        {
            return AuthenticationOutcome.Failure(timeError);
        }

        var granted = claims.Audiences.Intersect(audiences, StringComparer.Ordinal).ToArray();
        if (granted.Length == 0)
        {
            return AuthenticationOutcome.Failure($"token audiences {GoList(claims.Audiences)} is invalid for the target audiences {GoList(audiences)}");
        }

        if (await CheckObjectsAsync(claims, now - Leeway, cancellationToken) is { } objectError)
        {
            return AuthenticationOutcome.Failure(objectError);
        }

        return AuthenticationOutcome.Success(UserOf(claims), granted);
    }

    /// <summary>go-jose's <c>Validate</c> with the default leeway.</summary>
    public static string? CheckTimes(ServiceAccountClaims claims, DateTimeOffset now)
    {
        if (now - Leeway > DateTimeOffset.FromUnixTimeSeconds(claims.Expiry))
        {
            return "service account token has expired";
        }

        return claims.NotBefore != 0 && now + Leeway < DateTimeOffset.FromUnixTimeSeconds(claims.NotBefore) ? "service account token is not valid yet" : null;
    }

    /// <summary>The user of a validated token: the service account, its groups, and the extra upstream records (pod, node, credential id).</summary>
    public static UserInfo UserOf(ServiceAccountClaims claims)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (claims.Pod is { } pod)
        {
            extra[ServiceAccountUsers.PodNameKey] = [pod.Name];
            extra[ServiceAccountUsers.PodUidKey] = [pod.Uid];
        }

        if (claims.Node is { } node)
        {
            extra[ServiceAccountUsers.NodeNameKey] = [node.Name];
            if (node.Uid.Length > 0)
            {
                extra[ServiceAccountUsers.NodeUidKey] = [node.Uid];
            }
        }

        if (claims.Id.Length > 0)
        {
            extra[ServiceAccountUsers.CredentialIdKey] = ["JTI=" + claims.Id];
        }

        return new UserInfo(claims.Subject, claims.ServiceAccount.Uid, ServiceAccountUsers.Groups(claims.Namespace), extra);
    }

    private async ValueTask<string?> CheckObjectsAsync(ServiceAccountClaims claims, DateTimeOffset invalidIfDeletedBefore, CancellationToken cancellationToken)
    {
        var ns = claims.Namespace;
        var serviceAccount = await objects.ServiceAccountAsync(ns, claims.ServiceAccount.Name, cancellationToken);
        if (serviceAccount is null)
        {
            return $"serviceaccounts \"{claims.ServiceAccount.Name}\" not found";
        }

        if (DeletedBefore(serviceAccount, invalidIfDeletedBefore))
        {
            return $"service account {ns}/{claims.ServiceAccount.Name} has been deleted";
        }

        if (CredentialObjects.UidOf(serviceAccount) != claims.ServiceAccount.Uid)
        {
            return $"service account UID ({CredentialObjects.UidOf(serviceAccount)}) does not match claim ({claims.ServiceAccount.Uid})";
        }

        if (claims.Secret is { } secretRef && Invalidated(await objects.SecretAsync(ns, secretRef.Name, cancellationToken), secretRef, invalidIfDeletedBefore))
        {
            return "service account token has been invalidated";
        }

        if (claims.Pod is { } podRef && Invalidated(await objects.PodAsync(ns, podRef.Name, cancellationToken), podRef, invalidIfDeletedBefore))
        {
            return "service account token has been invalidated";
        }

        // A node named beside a pod only records where the pod ran; a token bound to the node itself needs the node.
        if (claims.Pod is null && claims.Node is { } nodeRef && Invalidated(await objects.NodeAsync(nodeRef.Name, cancellationToken), nodeRef, invalidIfDeletedBefore))
        {
            return "service account token has been invalidated";
        }

        return null;
    }

    private static bool Invalidated(JsonObject? obj, BoundObject reference, DateTimeOffset invalidIfDeletedBefore) =>
        obj is null || DeletedBefore(obj, invalidIfDeletedBefore) || CredentialObjects.UidOf(obj) != reference.Uid;

    private static bool DeletedBefore(JsonObject obj, DateTimeOffset when) => CredentialObjects.DeletionTimestampOf(obj) is { } deleted && deleted < when;

    private static string GoList(IEnumerable<string> values) => "[" + string.Join(' ', values.Select(v => "\"" + v + "\"")) + "]";
}
