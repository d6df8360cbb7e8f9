namespace Orchestrator.Client;

/// <summary>What every controller of a component shares: the client, the informers, events, logging and the clock.</summary>
public sealed record ControllerContext(IKubernetes Client, InformerFactory Informers, IEventRecorder Events, ILoggerFactory Loggers, TimeProvider Time);
