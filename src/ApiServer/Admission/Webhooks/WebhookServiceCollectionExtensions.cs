namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>Registers the MutatingAdmissionWebhook and ValidatingAdmissionWebhook plugins and what they use.</summary>
internal static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddAdmissionWebhooks(this IServiceCollection services)
    {
        services.AddServiceRouting();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IWebhookSource, WebhookConfigurations>();
        services.TryAddSingleton<WebhookSelection>();
        services.TryAddSingleton<IWebhookCaller, WebhookCaller>();
        services.TryAddSingleton<WebhookInvoker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, MutatingAdmissionWebhook>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionPlugin, ValidatingAdmissionWebhook>());
        return services;
    }
}
