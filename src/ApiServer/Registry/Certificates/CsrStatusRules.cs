namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>
/// Writes through a CertificateSigningRequest's <c>status</c> and <c>approval</c> subresources (upstream's
/// csrStatusStrategy / csrApprovalStrategy and ValidateCertificateSigningRequest{Status,Approval}Update): the
/// status path keeps the stored Approved and Denied conditions and may set the certificate once; neither path may
/// remove an Approved, Denied or Failed condition; only the approval path adds Approved or Denied.
/// </summary>
internal static class CsrStatusRules
{
    /// <summary>On the status path, the stored Approved/Denied instances replace the written ones when their counts agree (an added or removed one is refused by validation).</summary>
    public static void PreserveApprovals(JsonObject current, JsonObject updated)
    {
        var written = CsrConditions.Of(updated).ToList();
        foreach (var type in new[] { CsrConditions.Approved, CsrConditions.Denied })
        {
            var stored = CsrConditions.Of(current).Where(c => CsrConditions.TypeOf(c) == type).ToList();
            var positions = written.Select((c, i) => (c, i)).Where(p => CsrConditions.TypeOf(p.c) == type).Select(p => p.i).ToList();
            if (stored.Count != positions.Count)
            {
                continue;
            }

            for (var k = 0; k < positions.Count; k++)
            {
                written[positions[k]] = (JsonObject)stored[k].DeepClone();
            }
        }

        if (updated["status"] is JsonObject status && status["conditions"] is JsonArray)
        {
            status["conditions"] = new JsonArray([.. written.Select(c => c.DeepClone())]);
        }
    }

    public static void Validate(string subresource, JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        CsrValidation.ValidateConditions(CsrConditions.Of(updated).ToList(), causes);
        foreach (var type in new[] { CsrConditions.Approved, CsrConditions.Denied, CsrConditions.Failed })
        {
            var before = Count(current, type);
            var after = Count(updated, type);
            if (after < before)
            {
                causes.Add(FieldErrors.Forbidden("status.conditions", $"updates may not remove a condition of type \"{type}\""));
            }
            else if (after > before && subresource != "approval" && CsrConditions.IsApproval(type))
            {
                causes.Add(FieldErrors.Forbidden("status.conditions", $"updates may not add a condition of type \"{type}\""));
            }
        }

        var oldCertificate = Certificate(current);
        var newCertificate = Certificate(updated);
        if (newCertificate == oldCertificate)
        {
            return;
        }

        if (subresource != "status")
        {
            causes.Add(FieldErrors.Forbidden("status.certificate", "updates may not set certificate content"));
        }
        else if (oldCertificate.Length > 0)
        {
            causes.Add(FieldErrors.Forbidden("status.certificate", "updates may not modify existing certificate content"));
        }
        else if (CertificateProblem(newCertificate) is { } problem)
        {
            causes.Add(FieldErrors.InvalidText("status.certificate", "<certificate data>", problem));
        }
    }

    /// <summary>
    /// Why <paramref name="base64"/> (the field's JSON form) is not one or more PEM CERTIFICATE blocks of
    /// parseable certificates (text around the blocks allowed, RFC 7468 §5.2); null when it is.
    /// </summary>
    public static string? CertificateProblem(string base64)
    {
        string text;
        try
        {
            text = Encoding.ASCII.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return "must contain at least one CERTIFICATE PEM block";
        }

        var blocks = 0;
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (label != "CERTIFICATE")
            {
                return $"only CERTIFICATE PEM blocks are allowed, found \"{label}\"";
            }

            try
            {
                using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
            }
            catch (CryptographicException e)
            {
                return "x509: " + e.Message;
            }

            blocks++;
            rest = rest[fields.Location.End..];
        }

        return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : null;
    }

    private static int Count(JsonObject csr, string type) => CsrConditions.Of(csr).Count(c => CsrConditions.TypeOf(c) == type);

    private static string Certificate(JsonObject csr) =>
        (csr["status"] as JsonObject)?["certificate"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
