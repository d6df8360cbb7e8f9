namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// The admission plugins of the server, run in upstream's order (<see cref="AdmissionPlugins.Chain"/>):
/// every mutating step in order, then every validating step in order, as kube-apiserver's admission
/// chain does. Immutable and thread-safe.
/// </summary>
internal sealed class AdmissionChain(IReadOnlyList<IAdmissionPlugin> plugins)
{
    /// <summary>The plugin names, in the order they run.</summary>
    public IReadOnlyList<string> Names { get; } = [.. plugins.Select(p => p.Name)];

    /// <summary>Runs each handling plugin's mutation, in order; the first to throw stops the write.</summary>
    public void Admit(AdmissionAttributes attributes)
    {
        foreach (var plugin in plugins)
        {
            if (plugin.Handles(attributes.Operation))
            {
                plugin.Admit(attributes);
            }
        }
    }

    /// <summary>Runs each handling plugin's validation, in order; the first to throw stops the write.</summary>
    public void Validate(AdmissionAttributes attributes)
    {
        foreach (var plugin in plugins)
        {
            if (plugin.Handles(attributes.Operation))
            {
                plugin.Validate(attributes);
            }
        }
    }
}
