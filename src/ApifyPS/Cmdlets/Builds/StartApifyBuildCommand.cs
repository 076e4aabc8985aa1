using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Start-ApifyBuild: builds an Actor version (by default the highest), optionally waiting for the build.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ApifyBuild", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class StartApifyBuildCommand : ApifyJobCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>An Actor id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An Actor to build, or a build to build again (same Actor and version).</summary>
        /// <remarks>
        /// Also in the -Actor set (optional there): PowerShell binds piped input in the default set first, where a
        /// build's ActorId alone would bind -Actor and lose its version; this way a piped build binds both, and
        /// InputObject wins.
        /// </remarks>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = ActorSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>The version to build (MAJOR.MINOR); by default the Actor's highest version number.</summary>
        [Parameter]
        [ValidatePattern(@"^([0-9]|[1-9][0-9])\.([0-9]|[1-9][0-9])$")]
        public string? Version { get; set; }

        [Parameter]
        public SwitchParameter UseCache { get; set; }

        [Parameter]
        public SwitchParameter BetaPackages { get; set; }

        /// <summary>The tag the build gets when it succeeds; by default the version's build tag.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        /// <summary>Waits until the build finishes and emits the final build.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds (the build goes on). Implies -Wait.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        /// <summary>With -Wait: the build's log to the Information stream while waiting. Implies -Wait.</summary>
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
            try
            {
                version ??= Await(Client.ResolveBuildVersionAsync(actorId, CancellationToken));
                if (!ShouldProcess($"Actor {actorId}, version {version}", "Start build")) return;
                var started = Await(Client.StartBuildAsync(actorId, version, UseCache, BetaPackages, Tag, CancellationToken));
                var timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null;
                if (!Wait && timeout == null && !ShowLog)
                {
                    WriteObject(started);
                    return;
                }
                WriteWaitResult("build", Await(Client.WaitForBuildAsync(started.Id, WaitOptions(timeout, ShowLog), started, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }

        /// <summary>0.1 from the build number 0.1.17.</summary>
        private static string? VersionOf(string? buildNumber)
        {
            var parts = (buildNumber ?? "").Split('.');
            return parts.Length == 3 ? parts[0] + "." + parts[1] : null;
        }
    }
}
