using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyActor: changes only the settings given (the API's partial update), for one Actor or many piped in.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Set, "ApifyActor", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyActor))]
    public sealed class SetApifyActorCommand : ApifyCmdlet
    {
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        private ApifyBody? _changes;

        /// <summary>The Actor: its id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Id { get; set; } = "";

        /// <summary>An Actor from the pipeline (Get-ApifyActor).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Renames the Actor (its URL and username~name change).</summary>
        [Parameter]
        [ValidateActorName]
        public string? NewName { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? Title { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? Description { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? SeoTitle { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? SeoDescription { get; set; }

        /// <summary>-IsPublic makes the Actor public, -IsPublic:$false private.</summary>
        [Parameter]
        public SwitchParameter IsPublic { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        [ValidateNotNull]
        public string[]? Categories { get; set; }

        /// <summary>Run defaults to change: build, timeoutSecs, memoryMbytes, restartOnError, maxItems.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? DefaultRunOptions { get; set; }

        /// <summary>Build tags to set (tag = build id or build) or remove (tag = $null); other tags stay.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? TaggedBuild { get; set; }

        /// <summary>UpdateActorRequest fields to send as they are (hashtable, object or JSON); the parameters above win.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Body { get; set; }

        /// <summary>Writes the updated Actor.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                var body = Body != null ? PowerShellBody.ToBody(Body, nameof(Body)) : new ApifyBody();
                var given = MyInvocation.BoundParameters;
                if (given.ContainsKey(nameof(NewName))) body.Set("name", NewName);
                if (given.ContainsKey(nameof(Title))) body.Set("title", NullIfEmpty(Title));
                if (given.ContainsKey(nameof(Description))) body.Set("description", NullIfEmpty(Description));
                if (given.ContainsKey(nameof(SeoTitle))) body.Set("seoTitle", NullIfEmpty(SeoTitle));
                if (given.ContainsKey(nameof(SeoDescription))) body.Set("seoDescription", NullIfEmpty(SeoDescription));
                if (given.ContainsKey(nameof(IsPublic))) body.Set("isPublic", IsPublic.IsPresent);
                if (Categories != null) body.Set("categories", Categories.Cast<object?>().ToList());
                if (DefaultRunOptions != null) body.Set("defaultRunOptions", PowerShellBody.ToValue(DefaultRunOptions));
                if (TaggedBuild != null) body.Set("taggedBuilds", PowerShellBody.ToValue(TaggedBuild));
                _changes = ApifyActorSchema.NormalizeActor(body, creating: false);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidActorUpdate"));
            }
            if (_changes!.Count == 0)
                ThrowTerminatingError(CmdletSupport.ParameterError(
                    "Nothing to change: give -NewName, -Title, -Description, -SeoTitle, -SeoDescription, -IsPublic, -Categories, -DefaultRunOptions, -TaggedBuild or -Body.",
                    "NothingToChange"));
        }

        protected override void ProcessRecord()
        {
            string actorId;
            string target;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifyActor actor))
                {
                    WriteError(CmdletSupport.Unsupported("Set-ApifyActor", InputObject!, "an Actor (Get-ApifyActor)"));
                    return;
                }
                actorId = actor.Id;
                target = $"{actor.FullName} ({actor.Id})";
            }
            else
            {
                actorId = Id;
                target = Id;
            }
            if (!ShouldProcess(target, $"Update Actor ({string.Join(", ", _changes!.Names)})")) return;
            try
            {
                var updated = Await(Client.UpdateActorAsync(actorId, _changes!, CancellationToken));
                if (_changes!.Has("name")) ActorNameCache.Default.Invalidate(Client.Connection);
                if (PassThru) WriteObject(updated);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
