using k8s.Models;

namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>Whether a toleration matches a taint, with upstream's rules (empty effect matches all; Exists ignores the value).</summary>
internal static class Tolerations
{
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }
}
