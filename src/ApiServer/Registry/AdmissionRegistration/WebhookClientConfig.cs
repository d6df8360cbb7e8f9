using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.AdmissionRegistration;

/// <summary>
/// Upstream's webhook client configuration checks (apiserver pkg/util/webhook ValidateWebhookURL and
/// ValidateWebhookService): exactly one of a URL or a service; an https URL with a host and no user,
/// query or fragment; a service with a name, a namespace, a valid port and a path of DNS segments.
/// </summary>
internal static class WebhookClientConfig
{
    private const string Form = "; desired format: https://host[/path]";

    public static void Validate(JsonObject? config, string path, List<StatusCause> causes)
    {
        var url = config.StringOrNull("url");
        var service = config?["service"] as JsonObject;
        if ((url is null) == (service is null))
        {
            causes.Add(FieldErrors.Required(path, "exactly one of url or service is required"));
        }
        else if (url is not null)
        {
            Url(url, path + ".url", causes);
        }
        else
        {
            Service(service!, path + ".service", causes);
        }
    }

    private static void Url(string text, string path, List<StatusCause> causes)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            causes.Add(FieldErrors.Required(path, "url must be a valid URL: parse \"" + text + "\": invalid URI" + Form));
            return;
        }

        if (uri.Scheme != "https")
        {
            causes.Add(FieldErrors.InvalidText(path, uri.Scheme, "'https' is the only allowed URL scheme" + Form));
        }

        if (uri.Host.Length == 0)
        {
            causes.Add(FieldErrors.InvalidText(path, uri.Host, "host must be specified" + Form));
        }

        if (uri.UserInfo.Length > 0)
        {
            causes.Add(FieldErrors.InvalidText(path, uri.UserInfo, "user information is not permitted in the URL"));
        }

        if (uri.Fragment.Length > 1)
        {
            causes.Add(FieldErrors.InvalidText(path, uri.Fragment[1..], "fragments are not permitted in the URL"));
        }

        if (uri.Query.Length > 1)
        {
            causes.Add(FieldErrors.InvalidText(path, uri.Query[1..], "query parameters are not permitted in the URL"));
        }
    }

    /// <summary>Shared with APIService's service reference (upstream calls the same function).</summary>
    public static void Service(JsonObject service, string path, List<StatusCause> causes)
    {
        if (service.String("name").Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".name", "service name is required"));
        }

        if (service.String("namespace").Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".namespace", "service namespace is required"));
        }

        var port = service.LongOrNull("port") ?? 443;
        if (port is < 1 or > 65535)
        {
            causes.Add(FieldErrors.InvalidNumber(path + ".port", port, "port is not valid: " + PortValidation.RangeError));
        }

        if (service.StringOrNull("path") is { } urlPath)
        {
            ServicePath(urlPath, path + ".path", causes);
        }
    }

    private static void ServicePath(string urlPath, string path, List<StatusCause> causes)
    {
        if (urlPath is "/" or "")
        {
            return;
        }

        if (urlPath == "//")
        {
            causes.Add(FieldErrors.InvalidText(path, urlPath, "segment[0] may not be empty"));
            return;
        }

        if (!urlPath.StartsWith('/'))
        {
            causes.Add(FieldErrors.InvalidText(path, urlPath, "must start with a '/'"));
        }

        var toCheck = urlPath[1..];
        if (toCheck.EndsWith('/'))
        {
            toCheck = toCheck[..^1];
        }

        var steps = toCheck.Split('/');
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i].Length == 0)
            {
                causes.Add(FieldErrors.InvalidText(path, urlPath, $"segment[{i}] may not be empty"));
                continue;
            }

            var index = i;
            causes.AddRange(NameValidation.Dns1123Subdomain(steps[i]).Select(p => FieldErrors.InvalidText(path, urlPath, $"segment[{index}]: {p}")));
        }
    }
}
