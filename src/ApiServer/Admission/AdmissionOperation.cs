namespace Orchestrator.ApiServer.Admission;

/// <summary>The write an admission plugin is asked about (upstream's admission.Operation; connect is not admitted yet).</summary>
internal enum AdmissionOperation
{
    Create,
    Update,

    /// <summary>A delete: <see cref="AdmissionAttributes.Object"/> and <see cref="AdmissionAttributes.OldObject"/> are both the object as stored.</summary>
    Delete,
}
