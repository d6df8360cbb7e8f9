namespace Orchestrator.ApiServer.Admission.DefaultIngressClass;

/// <summary>
/// Upstream's DefaultIngressClass admission: a new Ingress that names no class (neither
/// <c>spec.ingressClassName</c> nor the legacy <c>kubernetes.io/ingress.class</c> annotation) gets the
/// default IngressClass, the newest one annotated <c>ingressclass.kubernetes.io/is-default-class: "true"</c>.
/// </summary>
internal sealed class DefaultIngressClass(IDefaultClassLookup classes) : DefaultClassAdmission(
    classes, ("networking.k8s.io", "ingresses"), "ingressClassName", "kubernetes.io/ingress.class", ("networking.k8s.io", "ingressclasses"), DefaultAnnotation)
{
    public const string DefaultAnnotation = "ingressclass.kubernetes.io/is-default-class";

    public override string Name => "DefaultIngressClass";
}
