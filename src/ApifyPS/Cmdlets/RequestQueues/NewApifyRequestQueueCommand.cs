using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// New-ApifyRequestQueue: creates a request queue, named or unnamed. With a name the API answers the existing request queue
    /// of that name if there is one (so it is safe to repeat); an unnamed one is new every time (and kept only for the
    /// account's data retention period).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ApifyRequestQueue", SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyRequestQueue))]
    public sealed class NewApifyRequestQueueCommand : ApifyCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateStorageName]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var target = Name ?? "an unnamed request queue";
            if (!ShouldProcess(target, "Create request queue")) return;
            if (!TryAwait(token => Client.RequestQueues.CreateAsync(Name, token), Name, out var created)) return;
            if (Name != null) StorageNameCache.Default.Invalidate(Client.Connection, ApifyStorageKind.RequestQueue);
            WriteObject(created);
        }
    }
}
