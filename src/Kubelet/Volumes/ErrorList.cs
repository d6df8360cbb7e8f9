namespace Orchestrator.Kubelet.Volumes;

/// <summary>Collects a volume's errors and throws them as one, formatted as upstream's <c>utilerrors.NewAggregate</c>: one message alone, several as <c>[a, b]</c>.</summary>
internal sealed class ErrorList
{
    private readonly List<string> _messages = [];

    public void Add(string message)
    {
        if (!_messages.Contains(message))
        {
            _messages.Add(message);
        }
    }

    public void ThrowIfAny()
    {
        if (_messages.Count > 0)
        {
            throw new VolumeSetupException(_messages.Count == 1 ? _messages[0] : "[" + string.Join(", ", _messages) + "]");
        }
    }
}
