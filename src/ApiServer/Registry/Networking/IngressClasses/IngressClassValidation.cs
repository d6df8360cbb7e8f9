using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Networking.IngressClasses;

/// <summary>Upstream's validateIngressClassSpec: the controller and the parameters reference.</summary>
internal static partial class IngressClassValidation
{
    private const int MaxControllerBytes = 250;
    private const string HttpPathFormat = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static readonly string[] Scopes = ["Cluster", "Namespace"];

    public static void Validate(JsonObject ingressClass, List<StatusCause> causes)
    {
        var controller = ingressClass.String("spec", "controller");
        if (controller.Length == 0)
        {
            causes.Add(FieldErrors.Required("spec.controller"));
        }
        else
        {
            if (System.Text.Encoding.UTF8.GetByteCount(controller) > MaxControllerBytes)
            {
                causes.Add(FieldErrors.TooLong("spec.controller", MaxControllerBytes));
            }

            DomainPrefixedPath("spec.controller", controller, causes);
        }

        if (ingressClass.At("spec", "parameters") is JsonObject parameters)
        {
            Parameters(parameters, "spec.parameters", causes);
        }
    }

    /// <summary>Upstream's IsDomainPrefixedPath: "host/path", the host a DNS subdomain, the path of URL path characters.</summary>
    public static void DomainPrefixedPath(string field, string value, List<StatusCause> causes)
    {
        var segments = value.Split('/', 2);
        if (segments.Length != 2 || segments[0].Length == 0 || segments[1].Length == 0)
        {
            causes.Add(FieldErrors.InvalidText(field, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
            return;
        }

        FieldErrors.AddInvalid(causes, field, segments[0], NameValidation.Dns1123Subdomain(segments[0]));
        if (!HttpPath().IsMatch(segments[1]))
        {
            causes.Add(FieldErrors.InvalidText(field, segments[1], $"Invalid path (regex used for validation is '{HttpPathFormat}')"));
        }
    }

    private static void Parameters(JsonObject parameters, string path, List<StatusCause> causes)
    {
        Ingresses.IngressValidation.TypedReference(parameters, path, causes);
        if (parameters.StringOrNull("scope") is not { } scope)
        {
            causes.Add(FieldErrors.Required(path + ".scope"));
            return;
        }

        var ns = parameters.StringOrNull("namespace");
        if (!Scopes.Contains(scope))
        {
            causes.Add(FieldErrors.NotSupported(path + ".scope", scope, Scopes));
        }
        else if (scope == "Namespace" && ns is null)
        {
            causes.Add(FieldErrors.Required(path + ".namespace", "`parameters.scope` is set to 'Namespace'"));
        }
        else if (scope == "Namespace")
        {
            FieldErrors.AddInvalid(causes, path + ".namespace", ns!, NameValidation.Dns1123Label(ns!));
        }
        else if (ns is not null)
        {
            causes.Add(FieldErrors.Forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'"));
        }
    }

    [GeneratedRegex("^" + HttpPathFormat + "\\z")]
    private static partial Regex HttpPath();
}
