namespace Orchestrator.ApiServer.Audit;

/// <summary>
/// One line of the audit log: an <c>audit.k8s.io/v1</c> Event at the Metadata level and the
/// ResponseComplete stage (who, what, where, the answer's code, when), plus the request's latency
/// as an annotation (upstream records only the two timestamps).
/// </summary>
internal static class AuditEvent
{
    public const string LatencyAnnotation = "orchestrator.io/latency";

    public static JsonObject Create(
        string auditId,
        AuthorizationAttributes attributes,
        UserInfo authenticatedUser,
        string requestUri,
        IEnumerable<string> sourceIps,
        string? userAgent,
        int code,
        DateTimeOffset received,
        DateTimeOffset completed)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(authenticatedUser);
        var audit = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["auditID"] = auditId,
            ["stage"] = "ResponseComplete",
            ["requestURI"] = requestUri,
            ["verb"] = attributes.Verb,
            ["user"] = UserInfoJson.Write(authenticatedUser),
        };
        if (!ReferenceEquals(attributes.User, authenticatedUser) && attributes.User != authenticatedUser)
        {
            audit["impersonatedUser"] = UserInfoJson.Write(attributes.User);
        }

        audit["sourceIPs"] = new JsonArray([.. sourceIps.Select(ip => (JsonNode)ip)]);
        if (!string.IsNullOrEmpty(userAgent))
        {
            audit["userAgent"] = userAgent;
        }

        if (attributes.IsResourceRequest)
        {
            var objectRef = new JsonObject { ["resource"] = attributes.Resource };
            Add(objectRef, "namespace", attributes.Namespace);
            Add(objectRef, "name", attributes.Name);
            objectRef["apiGroup"] = attributes.ApiGroup;
            objectRef["apiVersion"] = attributes.ApiVersion;
            Add(objectRef, "subresource", attributes.Subresource);
            audit["objectRef"] = objectRef;
        }

        audit["responseStatus"] = new JsonObject { ["metadata"] = new JsonObject(), ["code"] = code };
        audit["requestReceivedTimestamp"] = MicroTime(received);
        audit["stageTimestamp"] = MicroTime(completed);
        audit["annotations"] = new JsonObject
        {
            [LatencyAnnotation] = ((completed - received).TotalMilliseconds).ToString("0.###", CultureInfo.InvariantCulture) + "ms",
        };
        return audit;
    }

    private static void Add(JsonObject target, string key, string value)
    {
        if (value.Length > 0)
        {
            target[key] = value;
        }
    }

    /// <summary>RFC 3339 with microseconds, as upstream's MicroTime.</summary>
    private static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
