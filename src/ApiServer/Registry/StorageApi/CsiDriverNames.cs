namespace Orchestrator.ApiServer.Registry.StorageApi;

/// <summary>Upstream's ValidateCSIDriverName: required, at most 63 characters, a DNS-1123 subdomain once lower-cased.</summary>
internal static class CsiDriverNames
{
    private const int MaxLength = 63;

    public static void Validate(string name, string field, List<StatusCause> causes)
    {
        if (name.Length == 0)
        {
            causes.Add(FieldErrors.Required(field));
        }

        if (name.Length > MaxLength)
        {
            causes.Add(FieldErrors.TooLong(field, MaxLength));
        }

        FieldErrors.AddInvalid(causes, field, name, NameValidation.Dns1123Subdomain(name.ToLowerInvariant()));
    }
}
