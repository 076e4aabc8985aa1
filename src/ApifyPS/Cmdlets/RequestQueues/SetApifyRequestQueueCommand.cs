using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyRequestQueue: renames a request queue (or makes it unnamed) and sets who may read it; only what is given is sent.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Set, "ApifyRequestQueue", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyRequestQueue))]
    public sealed class SetApifyRequestQueueCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        private ApifyBody _changes = new ApifyBody();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("QueueId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public string Id { get; set; } = "";

        [Parameter]
        [ValidateStorageName]
        public string? NewName { get; set; }

        /// <summary>Makes the request queue unnamed (kept only for the data retention period).</summary>
        [Parameter]
        public SwitchParameter RemoveName { get; set; }

        [Parameter]
        [ValidateSet("RESTRICTED", "ANYONE_WITH_ID_CAN_READ", "ANYONE_WITH_NAME_CAN_READ", "FOLLOW_USER_SETTING")]
        public string? GeneralAccess { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (NewName != null && RemoveName)
                ThrowTerminatingError(CmdletSupport.ParameterError("Give -NewName or -RemoveName, not both.", "NameConflict"));
            if (NewName != null) _changes.Set("name", NewName);
            if (RemoveName) _changes.Set("name", null);
            if (GeneralAccess != null) _changes.Set("generalAccess", GeneralAccess.ToUpperInvariant());
            if (_changes.Count == 0)
                ThrowTerminatingError(CmdletSupport.ParameterError("Nothing to change: give -NewName, -RemoveName or -GeneralAccess.", "NothingToChange"));
        }

        protected override void ProcessRecord()
        {
            string id;
            string target;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifyRequestQueue storage))
                {
                    WriteUnsupportedInput(InputObject!, "a request queue (Get-ApifyRequestQueue)");
                    return;
                }
                id = storage.Id;
                target = storage.Name == null ? storage.Id : $"{storage.Name} ({storage.Id})";
            }
            else
            {
                id = Id;
                target = Id;
            }
            if (!ShouldProcess(target, $"Update request queue ({string.Join(", ", _changes.Names)})")) return;
            if (!TryAwait(token => Client.RequestQueues.UpdateAsync(id, _changes, token), id, out var updated)) return;
            if (_changes.Has("name")) StorageNameCache.Default.Invalidate(Client.Connection, ApifyStorageKind.RequestQueue);
            if (PassThru) WriteObject(updated);
        }
    }
}
