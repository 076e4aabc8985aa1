using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Start-ApifyBuild: builds an Actor version (by default the highest), optionally waiting for the build.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ApifyBuild", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class StartApifyBuildCommand : ActorTargetCmdlet
    {

        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = ActorSet, ValueFromPipeline = true)]
        public override ApifyResource? InputObject { get; set; }

        [Parameter]
        [ValidatePattern(@"^([0-9]|[1-9][0-9])\.([0-9]|[1-9][0-9])$")]
        public string? Version { get; set; }

        [Parameter]
        public SwitchParameter UseCache { get; set; }

        [Parameter]
        public SwitchParameter BetaPackages { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        [Parameter]
        public SwitchParameter ShowLog { get; set; }

        protected override void ProcessRecord()
        {
            string actorId;
            var version = Version;
            switch (InputObject)
            {
                case ApifyActor actor:
                    actorId = actor.Id.Length > 0 ? actor.Id : actor.FullName;
                    break;
                case ApifyBuild build when !string.IsNullOrEmpty(build.ActorId):
                    actorId = build.ActorId!;
                    version ??= build.ActorVersion?.VersionNumber ?? VersionOf(build.BuildNumber);
                    break;
                case null:
                case ApifyResource _ when ParameterSetName == ActorSet:
                    // Another ApifyPS object (a run) bound -Actor through its ActorId: build that Actor.
                    actorId = Actor;
                    break;
                default:
                    WriteUnsupportedInput(InputObject!, "an Actor or a build");
                    return;
            }
            if (version == null && !TryAwait(token => Client.Builds.ResolveVersionAsync(actorId, token), actorId, out version)) return;
            if (!ShouldProcess($"Actor {actorId}, version {version}", "Start build")) return;
            if (!TryAwait(token => Client.Builds.StartAsync(actorId, version, UseCache, BetaPackages, Tag, token), actorId, out var started)) return;
            WriteStartedOrWaited("build", started, Wait, Given(nameof(Timeout), Timeout), ShowLog, actorId,
                (options, token) => Client.Builds.WaitAsync(started.Id, options, started, token));
        }

        /// <summary>0.1 from the build number 0.1.17.</summary>
        private static string? VersionOf(string? buildNumber)
        {
            var parts = (buildNumber ?? "").Split('.');
            return parts.Length == 3 ? parts[0] + "." + parts[1] : null;
        }
    }
}
