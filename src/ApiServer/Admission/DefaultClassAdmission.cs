using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// What DefaultStorageClass and DefaultIngressClass share: a new object of <paramref name="target"/> (not a
/// subresource) that names no class — neither <c>spec.</c><paramref name="classField"/> (even empty) nor the legacy
/// <paramref name="legacyAnnotation"/> — gets the default class of <paramref name="classes"/>' kind
/// <paramref name="classKind"/>, the newest one marked by any of <paramref name="defaultAnnotations"/>; without one it is
/// left as is.
/// </summary>
internal abstract class DefaultClassAdmission(
    IDefaultClassLookup classes,
    (string Group, string Plural) target,
    string classField,
    string legacyAnnotation,
    (string Group, string Plural) classKind,
    params string[] defaultAnnotations) : IAdmissionPlugin
{
    public abstract string Name { get; }

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Admit(AdmissionAttributes attributes)
    {
        var obj = attributes.Object;
        if (attributes.Resource.Group != target.Group || attributes.Resource.Plural != target.Plural || attributes.Subresource is not null
            || obj.At("spec", classField) is not null
            || obj.At("metadata", "annotations", legacyAnnotation) is not null)
        {
            return;
        }

        if (classes.Find(classKind.Group, classKind.Plural, defaultAnnotations) is { } name)
        {
            Defaulting.JsonFields.Child(obj, "spec")[classField] = name;
        }
    }
}
