namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>
/// A signer name is <c>domain/path</c> (upstream's ValidateSignerName): the domain a DNS subdomain of
/// at least two labels, the path a non-empty run of the characters a DNS subdomain allows plus '/'
/// (so <c>kubernetes.io/kube-apiserver-client-kubelet</c> and <c>example.com/a/b</c> are valid).
/// </summary>
internal static partial class SignerNames
{
    public const string KubeletClient = "kubernetes.io/kube-apiserver-client-kubelet";
    public const string ApiServerClient = "kubernetes.io/kube-apiserver-client";
    public const string KubeletServing = "kubernetes.io/kubelet-serving";

    private const string Form = "must be a fully qualified domain and path of the form 'example.com/signer-name'";

    public static void Validate(string field, string? name, List<StatusCause> causes)
    {
        if (string.IsNullOrEmpty(name))
        {
            causes.Add(FieldErrors.Required(field));
            return;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == name.Length - 1)
        {
            causes.Add(FieldErrors.InvalidText(field, name, Form));
            return;
        }

        var domain = name[..slash];
        var path = name[(slash + 1)..];
        if (domain.Length > 253 || !domain.Contains('.', StringComparison.Ordinal) || !Domain().IsMatch(domain))
        {
            causes.Add(FieldErrors.InvalidText(field, name, "the domain part " + Form));
        }

        if (path.Length > 571 || !Path().IsMatch(path))
        {
            causes.Add(FieldErrors.InvalidText(field, name, "the path part " + Form));
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Domain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9._/]*[a-z0-9])?\z")]
    private static partial Regex Path();
}
