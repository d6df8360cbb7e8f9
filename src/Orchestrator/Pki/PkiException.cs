namespace Orchestrator.Host.Pki;

/// <summary>The cluster's PKI files cannot be used as they are (a CA certificate without its key, a file that is not PEM).</summary>
internal sealed class PkiException(string message, Exception? inner = null) : Exception(message, inner);
