namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// A user as authentication.k8s.io's UserInfo writes it (username, uid, groups, extra; empty fields omitted): in
/// TokenReview and SelfSubjectReview answers, audit events and AdmissionReview requests.
/// </summary>
internal static class UserInfoJson
{
    public static JsonObject Write(UserInfo user)
    {
        var json = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            json["uid"] = user.Uid;
        }

        if (user.Groups.Count > 0)
        {
            json["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode?)JsonValue.Create(g))]);
        }

        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, values) in user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                extra[key] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
            }

            json["extra"] = extra;
        }

        return json;
    }
}
