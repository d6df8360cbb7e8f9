using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>
/// Upstream's ValidateCertificateSigningRequest (pkg/apis/certificates/validation) for v1: the request
/// is a PEM CERTIFICATE REQUEST whose signature verifies, the signer name is required and well formed,
/// usages are given, known and not repeated, expirationSeconds is at least 600, and the conditions
/// follow their rules (Approved, Denied and Failed True and once each; Approved and Denied exclusive).
/// </summary>
internal static class CsrValidation
{
    public const long MinExpirationSeconds = 600;

    public static void Validate(JsonObject csr, List<StatusCause> causes)
    {
        var spec = csr["spec"] as JsonObject;
        ValidateRequest(spec.StringOrNull("request"), causes);
        SignerNames.Validate("spec.signerName", spec.StringOrNull("signerName"), causes);
        ValidateUsages(spec.Strings("usages"), causes);
        if (spec.LongOrNull("expirationSeconds") is { } seconds && seconds < MinExpirationSeconds)
        {
            causes.Add(FieldErrors.InvalidNumber("spec.expirationSeconds", seconds, "may not specify a duration less than 600 seconds (10 minutes)"));
        }

        ValidateConditions(CsrConditions.Of(csr).ToList(), causes);
    }

    public static void ValidateConditions(IReadOnlyList<JsonObject> conditions, List<StatusCause> causes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            var path = $"status.conditions[{i}]";
            var type = CsrConditions.TypeOf(conditions[i]);
            var status = conditions[i].StringOrNull("status");
            if (string.IsNullOrEmpty(type))
            {
                causes.Add(FieldErrors.Required(path + ".type"));
                continue;
            }

            if (string.IsNullOrEmpty(status))
            {
                causes.Add(FieldErrors.Required(path + ".status"));
            }
            else if (CsrConditions.IsFinal(type) ? status != "True" : status is not ("True" or "False" or "Unknown"))
            {
                causes.Add(CsrConditions.IsFinal(type)
                    ? FieldErrors.NotSupported(path + ".status", status, "True")
                    : FieldErrors.NotSupported(path + ".status", status, "False", "True", "Unknown"));
            }

            if (CsrConditions.IsFinal(type) && !seen.Add(type))
            {
                causes.Add(FieldErrors.Duplicate(path + ".type", type));
            }
        }

        if (seen.Contains(CsrConditions.Approved) && seen.Contains(CsrConditions.Denied))
        {
            causes.Add(FieldErrors.InvalidText("status.conditions", CsrConditions.Denied, "Approved and Denied conditions are mutually exclusive"));
        }
    }

    private static void ValidateRequest(string? request, List<StatusCause> causes)
    {
        if (string.IsNullOrEmpty(request))
        {
            causes.Add(FieldErrors.Required("spec.request"));
            return;
        }

        try
        {
            SigningRequests.Parse(Convert.FromBase64String(request));
        }
        catch (FormatException e)
        {
            causes.Add(FieldErrors.Invalid("spec.request", "[]byte{...}", e.Message));
        }
    }

    private static void ValidateUsages(IReadOnlyList<string> usages, List<StatusCause> causes)
    {
        if (usages.Count == 0)
        {
            causes.Add(FieldErrors.Required("spec.usages", "usages must be provided"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < usages.Count; i++)
        {
            if (!CsrUsages.IsKnown(usages[i]))
            {
                causes.Add(FieldErrors.NotSupported($"spec.usages[{i}]", usages[i], CsrUsages.Known));
            }
            else if (!seen.Add(usages[i]))
            {
                causes.Add(FieldErrors.Duplicate($"spec.usages[{i}]", usages[i]));
            }
        }
    }
}
