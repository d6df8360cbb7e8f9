using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.DefaultIngressClass;

/// <summary>
/// Upstream's DefaultIngressClass admission: a new Ingress that names no class (neither
/// <c>spec.ingressClassName</c> nor the legacy <c>kubernetes.io/ingress.class</c> annotation) gets the
/// default IngressClass, the newest one annotated <c>ingressclass.kubernetes.io/is-default-class: "true"</c>.
/// </summary>
internal sealed class DefaultIngressClass(IDefaultClassLookup classes) : IAdmissionPlugin
{
    public const string DefaultAnnotation = "ingressclass.kubernetes.io/is-default-class";
    private const string LegacyClassAnnotation = "kubernetes.io/ingress.class";

    public string Name => "DefaultIngressClass";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Admit(AdmissionAttributes attributes)
    {
        var ingress = attributes.Object;
        if (attributes.Resource is not { Group: "networking.k8s.io", Plural: "ingresses" } || attributes.Subresource is not null
            || ingress.At("spec", "ingressClassName") is not null
            || ingress.At("metadata", "annotations", LegacyClassAnnotation) is not null)
        {
            return;
        }

        if (classes.Find("networking.k8s.io", "ingressclasses", DefaultAnnotation) is { } name)
        {
            Defaulting.JsonFields.Child(ingress, "spec")["ingressClassName"] = name;
        }
    }
}
