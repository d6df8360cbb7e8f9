using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>
/// certificatesigningrequests: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION, as upstream's
/// printer: the condition is the condition types joined by commas, "Issued" added once a certificate
/// is there, "Pending" when there is neither.
/// </summary>
internal sealed class CsrPrinter() : ColumnPrinter(
    CommonColumns.Name,
    CommonColumns.Age,
    Column.String("SignerName", "Only requests with this signerName are issued by that signer.", obj => obj.String("spec", "signerName")),
    Column.String("Requestor", "Name of the user who requested the certificate.", obj => obj.String("spec", "username")),
    Column.String("RequestedDuration", "The requested duration of the issued certificate.", RequestedDuration),
    Column.String("Condition", "The current state of the request.", Condition))
{
    public static JsonNode Condition(JsonObject csr) => Text(csr);

    public static string Text(JsonObject csr)
    {
        var states = CsrConditions.Of(csr).Select(CsrConditions.TypeOf).OfType<string>().ToList();
        if (csr.String("status", "certificate").Length > 0)
        {
            states.Add("Issued");
        }

        return states.Count == 0 ? "Pending" : string.Join(",", states);
    }

    private static JsonNode RequestedDuration(JsonObject csr) =>
        csr.LongOrNull("spec", "expirationSeconds") is { } seconds ? HumanDuration.Format(TimeSpan.FromSeconds(seconds)) : "<none>";
}
