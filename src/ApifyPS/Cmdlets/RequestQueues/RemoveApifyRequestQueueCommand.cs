using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyRequestQueue: deletes request queues with their requests. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Remove, "ApifyRequestQueue", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyRequestQueueCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("QueueId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyRequestQueue storage) Remove(storage.Id, storage.Name == null ? storage.Id : $"{storage.Name} ({storage.Id})");
                else WriteUnsupportedInput(InputObject!, "a request queue (Get-ApifyRequestQueue)");
                return;
            }
            foreach (var id in Id) Remove(id, id);
        }

        private void Remove(string id, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove request queue with its requests")) return;
            if (TryAwait(token => Client.RequestQueues.DeleteAsync(id, token), id))
                StorageNameCache.Default.Invalidate(Client.Connection, ApifyStorageKind.RequestQueue);
        }
    }
}
