namespace Orchestrator.ApiServer.Admission;

/// <summary>The write an admission plugin is asked about (upstream's admission.Operation; delete and connect are not admitted yet).</summary>
internal enum AdmissionOperation
{
    Create,
    Update,
}
