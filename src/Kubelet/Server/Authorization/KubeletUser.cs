namespace Orchestrator.Kubelet.Server.Authorization;

/// <summary>
/// Who sent a request, from its verified client certificate as upstream's x509 authenticator reads it: the
/// subject's common name is the user, its organizations the groups, and every authenticated user is in
/// <c>system:authenticated</c>.
/// </summary>
internal sealed record KubeletUser(string Name, IReadOnlyList<string> Groups)
{
    public const string Authenticated = "system:authenticated";

    public static KubeletUser FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? name = null;
        var groups = new List<string>();
        foreach (var part in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            var oid = part.GetSingleElementType().Value;
            var value = part.GetSingleElementValue() ?? string.Empty;
            if (oid == "2.5.4.3")
            {
                name ??= value;
            }
            else if (oid == "2.5.4.10")
            {
                groups.Add(value);
            }
        }

        if (!groups.Contains(Authenticated))
        {
            groups.Add(Authenticated);
        }

        return new KubeletUser(name ?? string.Empty, groups);
    }
}
