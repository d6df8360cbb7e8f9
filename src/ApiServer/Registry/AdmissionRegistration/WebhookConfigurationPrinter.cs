using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.AdmissionRegistration;

/// <summary>validating- and mutatingwebhookconfigurations: NAME WEBHOOKS AGE (upstream's print*WebhookConfiguration).</summary>
internal sealed class WebhookConfigurationPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.Integer("Webhooks", "Webhooks indicates the number of webhooks in the configuration", obj => obj.Count("webhooks")),
    CommonColumns.Age);
