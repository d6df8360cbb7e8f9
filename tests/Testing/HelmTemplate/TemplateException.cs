namespace Orchestrator.Testing.HelmTemplate;

/// <summary>A template the renderer cannot parse or evaluate: unsupported syntax or functions fail here, never render silently wrong.</summary>
public sealed class TemplateException(string message) : Exception(message);
