namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// The default class of a class kind for the DefaultStorageClass and DefaultIngressClass admission plugins
/// (upstream's GetDefaultClass over its lister). Thread-safe; called inside the synchronous write path.
/// </summary>
internal interface IDefaultClassLookup
{
    /// <summary>The default class's name, or null when no class of <paramref name="group"/>/<paramref name="plural"/> is marked default.</summary>
    /// <param name="annotations">The annotations that mark a class default, any of them with "true".</param>
    string? Find(string group, string plural, params string[] annotations);
}
