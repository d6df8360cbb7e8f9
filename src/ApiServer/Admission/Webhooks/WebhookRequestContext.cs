namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// What a review tells a webhook about the request beyond the object: who makes it and the options of
/// the operation (upstream's GetOperationOptions), from the query the client sent. Writes the server
/// makes itself (bootstrap, its own Endpoints) are made as <c>system:apiserver</c>, as upstream's loopback client.
/// </summary>
internal static class WebhookRequestContext
{
    private static readonly UserInfo Loopback = UserInfo.Of("system:apiserver", UserInfo.SystemPrivilegedGroup, UserInfo.AllAuthenticated);

    public static UserInfo User(HttpContext? context) => context is null ? Loopback : RequestUser.Get(context);

    /// <summary>CreateOptions, UpdateOptions or DeleteOptions (meta.k8s.io/v1) with the query's fields.</summary>
    public static JsonObject Options(HttpContext? context, WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Operation switch
        {
            "CREATE" => "CreateOptions",
            "UPDATE" => "UpdateOptions",
            _ => "DeleteOptions",
        };
        var options = new JsonObject { ["kind"] = kind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (request.DryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        var query = context?.Request.Query;
        if (query is null)
        {
            return options;
        }

        if (kind == "DeleteOptions")
        {
            if (long.TryParse(query["gracePeriodSeconds"].ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var grace))
            {
                options["gracePeriodSeconds"] = grace;
            }

            Copy(query, options, "propagationPolicy");
        }
        else
        {
            Copy(query, options, "fieldManager");
            Copy(query, options, "fieldValidation");
        }

        return options;
    }

    private static void Copy(IQueryCollection query, JsonObject options, string field)
    {
        if (query[field].ToString() is { Length: > 0 } value)
        {
            options[field] = value;
        }
    }
}
