using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>New-ApifyActor: creates an Actor from parameters, or from a whole body (hashtable, object, JSON) for full control.</summary>
    [Cmdlet(VerbsCommon.New, "ApifyActor", DefaultParameterSetName = FieldsSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyActor))]
    public sealed class NewApifyActorCommand : ApifyCmdlet
    {
        private const string FieldsSet = "Fields";
        private const string BodySet = "Body";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FieldsSet)]
        [Parameter(ParameterSetName = BodySet)]
        [ValidateActorName]
        public string? Name { get; set; }

        [Parameter]
        public string? Title { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public string? SeoTitle { get; set; }

        [Parameter]
        public string? SeoDescription { get; set; }

        [Parameter]
        public SwitchParameter IsPublic { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string[]? Categories { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[]? Version { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? DefaultRunOptions { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = BodySet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? Body { get; set; }

        protected override void ProcessRecord()
        {
            ApifyBody body;
            try
            {
                body = Body != null ? PowerShellBody.ToBody(Body, nameof(Body)) : new ApifyBody();
                var given = MyInvocation.BoundParameters;
                if (given.ContainsKey(nameof(Name))) body.Set("name", Name);
                if (given.ContainsKey(nameof(Title))) body.Set("title", Title);
                if (given.ContainsKey(nameof(Description))) body.Set("description", Description);
                if (given.ContainsKey(nameof(SeoTitle))) body.Set("seoTitle", SeoTitle);
                if (given.ContainsKey(nameof(SeoDescription))) body.Set("seoDescription", SeoDescription);
                if (given.ContainsKey(nameof(IsPublic))) body.Set("isPublic", IsPublic.IsPresent);
                if (Categories != null) body.Set("categories", Categories.Cast<object?>().ToList());
                if (Version != null) body.Set("versions", Version.Select(v => PowerShellBody.ToValue(v)).ToList());
                if (DefaultRunOptions != null) body.Set("defaultRunOptions", PowerShellBody.ToValue(DefaultRunOptions));
                body = ApifyActorSchema.NormalizeActor(body, creating: true);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidActorDefinition", ErrorCategory.InvalidArgument, Name ?? Body));
                return;
            }
            var name = (string)body.Get("name")!;
            if (!ShouldProcess(name, "Create Actor")) return;
            WriteVerbose($"Creating Actor '{name}' with the fields {body}.");
            if (!TryAwait(token => Client.Actors.CreateAsync(body, token), name, out var actor)) return;
            ActorNameCache.Default.Invalidate(Client.Connection);
            WriteObject(actor);
        }
    }
}
