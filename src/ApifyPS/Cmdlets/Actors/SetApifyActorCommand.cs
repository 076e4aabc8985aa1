using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyActor: changes only the settings given (the API's partial update), for one Actor or many piped in.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Set, "ApifyActor", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyActor))]
    public sealed class SetApifyActorCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        private ApifyBody? _changes;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Id { get; set; } = "";

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

        [Parameter]
        public SwitchParameter IsPublic { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        [ValidateNotNull]
        public string[]? Categories { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? DefaultRunOptions { get; set; }

        [Parameter]
        [ValidateNotNull]
        public IDictionary? TaggedBuild { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? Body { get; set; }

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
                    WriteUnsupportedInput(InputObject!, "an Actor (Get-ApifyActor)");
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
            if (!TryAwait(token => Client.Actors.UpdateAsync(actorId, _changes!, token), actorId, out var updated)) return;
            if (_changes!.Has("name")) ActorNameCache.Default.Invalidate(Client.Connection);
            if (PassThru) WriteObject(updated);
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
