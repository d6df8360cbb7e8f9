using Orchestrator.Host.Commands;

return await CommandRouter.RunAsync(args, Console.Out, Console.Error);
