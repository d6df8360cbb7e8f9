namespace Orchestrator.Kubelet.Tests.Volumes;

/// <summary>A fresh directory under /tmp, removed (with whatever is left in it) when disposed.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("volumes-test-").FullName;

    public string Path { get; }

    public string Join(params string[] parts) => System.IO.Path.Join([Path, .. parts]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
