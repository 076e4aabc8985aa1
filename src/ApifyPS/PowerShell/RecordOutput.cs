using System.Management.Automation;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// How a key-value store record (a run's OUTPUT, any record) reaches the pipeline: JSON as PowerShell objects (an
    /// array item by item, as ConvertFrom-Json in PowerShell 7), text as one string, anything else as one byte[].
    /// </summary>
    internal static class RecordOutput
    {
        public static void Write(Cmdlet cmdlet, ApifyActorOutput record)
        {
            if (record.IsJson)
            {
                try
                {
                    cmdlet.WriteObject(PSJson.Parse(record.Text), enumerateCollection: true);
                    return;
                }
                catch (JsonException ex)
                {
                    cmdlet.WriteWarning($"The record is marked {record.ContentType} but is not valid JSON ({ex.Message}); writing it as text.");
                }
            }
            if (record.IsText || record.IsJson) cmdlet.WriteObject(record.Text);
            else cmdlet.WriteObject(record.Body, enumerateCollection: false);
        }
    }
}
