namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// One named admission step, shaped like upstream's admission.Interface with its MutationInterface
/// (<see cref="Admit"/>) and ValidationInterface (<see cref="Validate"/>). <see cref="AdmissionChain"/>
/// runs every plugin's <see cref="Admit"/> after the kind's defaults, then, once the object passed the
/// kind's validation, every plugin's <see cref="Validate"/>; both only for the operations the plugin
/// <see cref="Handles"/>. Plugins are stateless and thread-safe (they may read caches) and reject a
/// write by throwing <c>ApiException</c> (403 Forbidden as upstream, unless the rule says otherwise).
/// </summary>
internal interface IAdmissionPlugin
{
    /// <summary>Upstream's plugin name (as <c>--enable-admission-plugins</c> spells it).</summary>
    string Name { get; }

    /// <summary>Whether the plugin takes part in <paramref name="operation"/>.</summary>
    bool Handles(AdmissionOperation operation);

    /// <summary>Mutates <see cref="AdmissionAttributes.Object"/>; a plugin that only validates leaves it as is.</summary>
    void Admit(AdmissionAttributes attributes)
    {
    }

    /// <summary>Checks the final object without changing it; a plugin that only mutates accepts everything.</summary>
    void Validate(AdmissionAttributes attributes)
    {
    }
}
