namespace Orchestrator.ApiServer.Admission.Certificates;

/// <summary>
/// Whether the request's user may <c>approve</c> or <c>sign</c> for a signer (upstream's
/// certificates.IsAuthorizedForSignerName): the verb on <c>signers</c> in certificates.k8s.io named
/// after the signer, or after its domain with <c>/*</c> (<c>example.com/*</c>). Writes the server makes
/// outside a request, and servers without authorization (the in-process test servers) are allowed.
/// </summary>
internal sealed class SignerAuthorization(IHttpContextAccessor accessor)
{
    /// <exception cref="ApiException">403 with upstream's text when the user may not.</exception>
    public void Require(AdmissionAttributes attributes, string verb)
    {
        if (accessor.HttpContext is not { } context || RequestUser.TryGet(context) is not { } user)
        {
            return;
        }

        var signer = JsonFields.Text((attributes.Object["spec"] as System.Text.Json.Nodes.JsonObject)?["signerName"]) ?? "";
        var authorizer = context.RequestServices.GetRequiredService<AuthorizerChain>();
        if (Allowed(authorizer, user, verb, signer))
        {
            return;
        }

        throw ApiErrors.Forbidden(attributes.Resource, attributes.Name, $"user not permitted to {verb} requests with signerName \"{signer}\"");
    }

    public static bool Allowed(IAuthorizer authorizer, UserInfo user, string verb, string signer)
    {
        var names = new List<string> { signer };
        var slash = signer.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            names.Add(signer[..slash] + "/*");
        }

        return names.Any(name => authorizer.Authorize(new AuthorizationAttributes
        {
            User = user,
            Verb = verb,
            IsResourceRequest = true,
            ApiGroup = "certificates.k8s.io",
            ApiVersion = "*",
            Resource = "signers",
            Name = name,
        }).Decision == AuthorizationDecision.Allow);
    }
}
