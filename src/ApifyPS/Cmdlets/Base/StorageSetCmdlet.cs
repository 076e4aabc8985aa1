using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyDataset, Set-ApifyKeyValueStore, Set-ApifyRequestQueue: renames a storage (or makes it unnamed) and
    /// sets who may read it; only what is given is sent. A derived cmdlet declares -Id (its alias, completer and path
    /// segment differ) and names its kind.
    /// </summary>
    public abstract class StorageSetCmdlet<TStorage> : ApifyObjectCmdlet where TStorage : ApifyStorage
    {
        protected const string IdSet = "ById";

        private readonly ApifyBody _changes = new ApifyBody();

        public abstract string Id { get; set; }

        [Parameter]
        [ValidateStorageName]
        public string? NewName { get; set; }

        /// <summary>Makes the storage unnamed (kept only for the data retention period).</summary>
        [Parameter]
        public SwitchParameter RemoveName { get; set; }

        [Parameter]
        [ValidateSet("RESTRICTED", "ANYONE_WITH_ID_CAN_READ", "ANYONE_WITH_NAME_CAN_READ", "FOLLOW_USER_SETTING")]
        public string? GeneralAccess { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The client of this kind of storage (Client.Datasets, ...).</summary>
        protected abstract IStorageClient<TStorage> Storages { get; }

        protected abstract ApifyStorageKind Kind { get; }

        /// <summary>"dataset", "key-value store", ...: in the ShouldProcess text.</summary>
        protected abstract string What { get; }

        /// <summary>"a dataset (Get-ApifyDataset)", for piped objects of another type.</summary>
        protected abstract string AcceptedInput { get; }

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
                if (!(InputObject is TStorage storage))
                {
                    WriteUnsupportedInput(InputObject!, AcceptedInput);
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
            if (!ShouldProcess(target, $"Update {What} ({string.Join(", ", _changes.Names)})")) return;
            if (!TryAwait(token => Storages.UpdateAsync(id, _changes, token), id, out var updated)) return;
            if (_changes.Has("name")) StorageNameCache.Default.Invalidate(Client.Connection, Kind);
            if (PassThru) WriteObject(updated);
        }
    }
}
