namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>
/// The claims of a bound service-account token, as upstream's <c>serviceaccount.Claims</c> writes
/// them: registered claims (<c>iss sub aud exp iat nbf jti</c>) and the private <c>kubernetes.io</c>
/// claim (namespace, serviceaccount, pod | secret, node, warnafter). Times are Unix seconds.
/// </summary>
internal sealed record ServiceAccountClaims
{
    public required string Issuer { get; init; }

    public required IReadOnlyList<string> Audiences { get; init; }

    public required long Expiry { get; init; }

    public required long IssuedAt { get; init; }

    public required long NotBefore { get; init; }

    public required string Id { get; init; }

    public required string Namespace { get; init; }

    public required BoundObject ServiceAccount { get; init; }

    public BoundObject? Pod { get; init; }

    public BoundObject? Secret { get; init; }

    public BoundObject? Node { get; init; }

    public long? WarnAfter { get; init; }

    public string Subject => ServiceAccountUsers.UserName(Namespace, ServiceAccount.Name);

    public JsonObject ToJson()
    {
        var kubernetes = new JsonObject
        {
            ["namespace"] = Namespace,
            ["serviceaccount"] = RefJson(ServiceAccount),
        };
        AddRef(kubernetes, "node", Node);
        AddRef(kubernetes, "pod", Pod);
        AddRef(kubernetes, "secret", Secret);
        if (WarnAfter is { } warnAfter)
        {
            kubernetes["warnafter"] = warnAfter;
        }

        return new JsonObject
        {
            // As go-jose: a single audience is a string, several an array.
            ["aud"] = Audiences.Count == 1 ? Audiences[0] : new JsonArray([.. Audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["exp"] = Expiry,
            ["iat"] = IssuedAt,
            ["iss"] = Issuer,
            ["jti"] = Id,
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = NotBefore,
            ["sub"] = Subject,
        };
    }

    /// <summary>The claims of a verified token's payload; null when a required claim is missing or malformed (no <c>kubernetes.io</c> claim: not a bound token).</summary>
    public static ServiceAccountClaims? Parse(JsonObject payload)
    {
        if (payload["kubernetes.io"] is not JsonObject kubernetes
            || String(kubernetes, "namespace") is not { Length: > 0 } ns
            || Ref(kubernetes, "serviceaccount") is not { } serviceAccount
            || Number(payload, "exp") is not { } expiry
            || String(payload, "iss") is not { } issuer
            || String(payload, "sub") is not { } subject
            || subject != ServiceAccountUsers.UserName(ns, serviceAccount.Name))
        {
            return null;
        }

        return new ServiceAccountClaims
        {
            Issuer = issuer,
            Audiences = AudiencesOf(payload),
            Expiry = expiry,
            IssuedAt = Number(payload, "iat") ?? 0,
            NotBefore = Number(payload, "nbf") ?? 0,
            Id = String(payload, "jti") ?? "",
            Namespace = ns,
            ServiceAccount = serviceAccount,
            Pod = Ref(kubernetes, "pod"),
            Secret = Ref(kubernetes, "secret"),
            Node = Ref(kubernetes, "node"),
            WarnAfter = Number(kubernetes, "warnafter"),
        };
    }

    /// <summary>The <c>aud</c> claim: a string or an array of strings (RFC 7519 §4.1.3).</summary>
    public static IReadOnlyList<string> AudiencesOf(JsonObject payload) => payload["aud"] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonArray array => [.. array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())],
        _ => [],
    };

    /// <summary>A string claim, or null when absent or not a string.</summary>
    public static string? String(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A NumericDate: an integer, or a fraction truncated to whole seconds (RFC 7519 allows both).</summary>
    private static long? Number(JsonObject payload, string name)
    {
        if (payload[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var whole))
        {
            return whole;
        }

        return value.TryGetValue<double>(out var number) && number is >= long.MinValue and <= long.MaxValue ? (long)number : null;
    }

    private static BoundObject? Ref(JsonObject kubernetes, string name) =>
        kubernetes[name] is JsonObject reference && String(reference, "name") is { Length: > 0 } refName
            ? new BoundObject(refName, String(reference, "uid") ?? "")
            : null;

    private static JsonObject RefJson(BoundObject reference) => new() { ["name"] = reference.Name, ["uid"] = reference.Uid };

    private static void AddRef(JsonObject kubernetes, string name, BoundObject? reference)
    {
        if (reference is not null)
        {
            kubernetes[name] = reference.Uid.Length == 0 ? new JsonObject { ["name"] = reference.Name } : RefJson(reference);
        }
    }
}
