using Orchestrator.ApiServer.Registry.AdmissionRegistration;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.ApiRegistration;

/// <summary>
/// kube-aggregator's ValidateAPIService: the name is <c>version.group</c>; the group a DNS subdomain (empty only
/// for the legacy v1); the version a DNS-1035 label; priorities in range; a local APIService (no service) has
/// no CA bundle and does not skip TLS verification; a service reference is complete and skipping TLS
/// verification excludes a CA bundle.
/// </summary>
internal static class ApiServiceValidation
{
    public static void Validate(JsonObject apiService, List<StatusCause> causes)
    {
        var spec = apiService["spec"] as JsonObject;
        var group = spec.String("group");
        var version = spec.String("version");
        var required = version + "." + group;
        var name = apiService.String("metadata", "name");
        if (name.Length > 0 && NameValidation.PathSegment(name, prefix: false).Count == 0 && name != required)
        {
            causes.Add(FieldErrors.InvalidText("metadata.name", name, $"must be `spec.version+\".\"+spec.group`: {GoText.Quote(required)}"));
        }

        if (group.Length == 0 && version != "v1")
        {
            causes.Add(FieldErrors.Required("spec.group", "only v1 may have an empty group and it better be legacy kube"));
        }

        if (group.Length > 0)
        {
            FieldErrors.AddInvalid(causes, "spec.group", group, NameValidation.Dns1123Subdomain(group));
        }

        FieldErrors.AddInvalid(causes, "spec.version", version, NameValidation.Dns1035Label(version));
        var groupPriority = spec.Long("groupPriorityMinimum");
        if (groupPriority is <= 0 or > 20000)
        {
            causes.Add(FieldErrors.InvalidNumber("spec.groupPriorityMinimum", groupPriority, "must be positive and less than 20000"));
        }

        var versionPriority = spec.Long("versionPriority");
        if (versionPriority is <= 0 or > 1000)
        {
            causes.Add(FieldErrors.InvalidNumber("spec.versionPriority", versionPriority, "must be positive and less than 1000"));
        }

        Backend(spec, causes);
    }

    private static void Backend(JsonObject? spec, List<StatusCause> causes)
    {
        var caBundle = spec.String("caBundle");
        var insecure = spec.Bool("insecureSkipTLSVerify");
        if (spec?["service"] is not JsonObject service)
        {
            if (caBundle.Length > 0)
            {
                var bytes = (caBundle.Length * 3 / 4) - caBundle.Count(c => c == '=');
                causes.Add(FieldErrors.InvalidText("spec.caBundle", $"{bytes} bytes", "local APIServices may not have a caBundle"));
            }

            if (insecure)
            {
                causes.Add(FieldErrors.Invalid("spec.insecureSkipTLSVerify", "true", "local APIServices may not have insecureSkipTLSVerify"));
            }

            return;
        }

        WebhookClientConfig.Service(service, "spec.service", causes);
        if (insecure && caBundle.Length > 0)
        {
            causes.Add(FieldErrors.Invalid("spec.insecureSkipTLSVerify", "true", "may not be true if caBundle is present"));
        }
    }
}
