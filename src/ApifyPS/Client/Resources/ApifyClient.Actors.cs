using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    /// <summary>How GET /v2/actors sorts (its sortBy).</summary>
    public enum ApifyActorSort
    {
        /// <summary>createdAt (the API's default).</summary>
        CreatedAt,
        /// <summary>stats.lastRunStartedAt: with desc, the most recently run first.</summary>
        LastRunStartedAt,
    }

    public sealed partial class ApifyClient
    {
        private static readonly HttpMethod Put = new HttpMethod("PUT");

        /// <summary>
        /// The Actors the user created or used (<c>GET /v2/actors</c>), or only the ones they own (<c>my=true</c>);
        /// the short form of each (no versions).
        /// </summary>
        public IAsyncEnumerable<ApifyActor> ListActorsAsync(bool my, ApifyActorSort? sortBy, PageRequest paging, CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery()
                .AddFlag("my", my)
                .Add("sortBy", sortBy == ApifyActorSort.LastRunStartedAt ? "stats.lastRunStartedAt" : sortBy == ApifyActorSort.CreatedAt ? "createdAt" : null);
            return ListAsync<ApifyActor>(ActorsPath, query, paging, cancellationToken);
        }

        /// <summary>One Actor with everything the API knows (<c>GET /v2/actors/{actorId}</c>); id or username~name.</summary>
        public async Task<ApifyActor> GetActorAsync(string actorId, CancellationToken cancellationToken = default) =>
            (await GetDataAsync<ApifyActor>(new ApifyRequest(HttpMethod.Get, ActorPath(actorId)) { TargetId = actorId }, cancellationToken)
                .ConfigureAwait(false)).Attach();

        /// <summary>Creates an Actor (<c>POST /v2/actors</c>, 201) from a body checked by <see cref="ApifyActorSchema.NormalizeActor"/>.</summary>
        public async Task<ApifyActor> CreateActorAsync(ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeActor(body, creating: true);
            // Not repeated blindly: a second attempt after an ambiguous failure could meet the Actor the first made.
            var request = new ApifyRequest(HttpMethod.Post, ActorsPath, kind: ApifyRequestKind.Start)
            {
                Content = normalized.ToContent,
                TargetId = normalized.Get("name") as string,
            };
            return (await GetDataAsync<ApifyActor>(request, cancellationToken).ConfigureAwait(false)).Attach();
        }

        /// <summary>Changes only the fields in the body (<c>PUT /v2/actors/{actorId}</c>) and returns the whole Actor.</summary>
        public async Task<ApifyActor> UpdateActorAsync(string actorId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeActor(body, creating: false);
            if (normalized.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            var request = new ApifyRequest(Put, ActorPath(actorId), kind: ApifyRequestKind.Write) { Content = normalized.ToContent, TargetId = actorId };
            return (await GetDataAsync<ApifyActor>(request, cancellationToken).ConfigureAwait(false)).Attach();
        }

        /// <summary>Deletes an Actor with its builds, runs and versions (<c>DELETE /v2/actors/{actorId}</c>, 204).</summary>
        public Task DeleteActorAsync(string actorId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ActorPath(actorId), kind: ApifyRequestKind.Write) { TargetId = actorId }, cancellationToken);

        /// <summary>The Actor's versions (<c>GET /v2/actors/{actorId}/versions</c>; the API does not page them).</summary>
        public async Task<IReadOnlyList<ApifyActorVersion>> ListActorVersionsAsync(string actorId, CancellationToken cancellationToken = default)
        {
            var list = await GetDataAsync<ItemList<ApifyActorVersion>>(
                new ApifyRequest(HttpMethod.Get, ActorPath(actorId).Add("versions")) { TargetId = actorId }, cancellationToken).ConfigureAwait(false);
            var items = list.Items ?? new List<ApifyActorVersion>();
            foreach (var v in items) v.ActorId = actorId;
            return items;
        }

        /// <summary>One version (<c>GET /v2/actors/{actorId}/versions/{versionNumber}</c>).</summary>
        public async Task<ApifyActorVersion> GetActorVersionAsync(string actorId, string versionNumber, CancellationToken cancellationToken = default)
        {
            var version = await GetDataAsync<ApifyActorVersion>(
                new ApifyRequest(HttpMethod.Get, VersionPath(actorId, versionNumber)) { TargetId = $"{actorId} {versionNumber}" }, cancellationToken).ConfigureAwait(false);
            version.ActorId = actorId;
            return version;
        }

        /// <summary>Creates a version (<c>POST /v2/actors/{actorId}/versions</c>, 201); versionNumber and sourceType required.</summary>
        public async Task<ApifyActorVersion> CreateActorVersionAsync(string actorId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeVersion(body, creating: true);
            var request = new ApifyRequest(HttpMethod.Post, ActorPath(actorId).Add("versions"), kind: ApifyRequestKind.Start)
            {
                Content = normalized.ToContent,
                TargetId = $"{actorId} {normalized.Get("versionNumber")}",
            };
            var version = await GetDataAsync<ApifyActorVersion>(request, cancellationToken).ConfigureAwait(false);
            version.ActorId = actorId;
            return version;
        }

        /// <summary>Changes only the fields in the body (<c>PUT /v2/actors/{actorId}/versions/{versionNumber}</c>).</summary>
        public async Task<ApifyActorVersion> UpdateActorVersionAsync(string actorId, string versionNumber, ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeVersion(body, creating: false);
            if (normalized.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            var request = new ApifyRequest(Put, VersionPath(actorId, versionNumber), kind: ApifyRequestKind.Write)
            {
                Content = normalized.ToContent,
                TargetId = $"{actorId} {versionNumber}",
            };
            var version = await GetDataAsync<ApifyActorVersion>(request, cancellationToken).ConfigureAwait(false);
            version.ActorId = actorId;
            return version;
        }

        /// <summary>Deletes a version (<c>DELETE /v2/actors/{actorId}/versions/{versionNumber}</c>, 204).</summary>
        public Task DeleteActorVersionAsync(string actorId, string versionNumber, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, VersionPath(actorId, versionNumber), kind: ApifyRequestKind.Write) { TargetId = $"{actorId} {versionNumber}" },
                cancellationToken);

        /// <summary>
        /// Webhooks: one Actor's (<c>GET /v2/actors/{actorId}/webhooks</c>) or all of the user's (<c>GET /v2/webhooks</c>).
        /// </summary>
        public IAsyncEnumerable<ApifyWebhook> ListWebhooksAsync(string? actorId, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyWebhook>(actorId == null ? ApifyPath.V2.Add("webhooks") : ActorPath(actorId).Add("webhooks"), null, paging, cancellationToken);

        /// <summary>Sends a request whose answer has no body we need (204 No Content and the like).</summary>
        public Task SendAsync(ApifyRequest request, CancellationToken cancellationToken) =>
            ExecuteAsync(request, (_, __) => Task.FromResult(true), cancellationToken);

        private static readonly ApifyPath ActorsPath = ApifyPath.V2.Add("actors");

        internal static ApifyPath ActorPath(string actorId) => ActorsPath.Add(PathSegment.ActorId, actorId);

        private static ApifyPath VersionPath(string actorId, string versionNumber) =>
            ActorPath(actorId).Add("versions").Add(PathSegment.VersionNumber, versionNumber);
    }

    /// <summary>The <c>data</c> of an unpaged list: <c>total, items</c> (versions, environment variables).</summary>
    public sealed class ItemList<T>
    {
        public long Total { get; set; }
        public List<T>? Items { get; set; }
    }
}

namespace ApifyPS.Client
{
    public sealed partial class ApifyClient
    {
        /// <summary>A version's environment variables (<c>GET .../versions/{versionNumber}/env-vars</c>); secrets without values.</summary>
        public async Task<IReadOnlyList<ApifyEnvironmentVariable>> ListEnvironmentVariablesAsync(string actorId, string versionNumber,
            CancellationToken cancellationToken = default)
        {
            var list = await GetDataAsync<ItemList<ApifyEnvironmentVariable>>(
                new ApifyRequest(HttpMethod.Get, VersionPath(actorId, versionNumber).Add("env-vars")) { TargetId = $"{actorId} {versionNumber}" },
                cancellationToken).ConfigureAwait(false);
            return list.Items ?? new List<ApifyEnvironmentVariable>();
        }

        /// <summary>
        /// Sets some environment variables of a version and removes others, leaving the rest alone: each variable
        /// given is updated (<c>PUT .../env-vars/{name}</c>) if the version has it, else created (<c>POST .../env-vars</c>);
        /// each name to remove is deleted (<c>DELETE .../env-vars/{name}</c>). Variables are {name, value, isSecret}
        /// bodies (see <see cref="ApifyActorSchema.NormalizeEnvVars"/>); every one needs a value.
        /// </summary>
        public async Task SetEnvironmentVariablesAsync(string actorId, string versionNumber, IReadOnlyList<ApifyBody> set, IReadOnlyList<string> remove,
            CancellationToken cancellationToken = default)
        {
            foreach (var v in set)
            {
                var name = v.Get("name") as string;
                if (!v.Has("value") || v.Get("value") == null) throw new ArgumentException($"The environment variable '{name}' needs a value.");
                if (remove.Contains(name!, StringComparer.Ordinal)) throw new ArgumentException($"The environment variable '{name}' cannot be both set and removed.");
            }
            var target = $"{actorId} {versionNumber}";
            // Every path is built (and every name checked) before the first request, so a bad name sends nothing.
            var envVarsPath = VersionPath(actorId, versionNumber).Add("env-vars");
            var setPaths = set.Select(v => envVarsPath.Add(PathSegment.EnvVarName, v.Get("name") as string)).ToList();
            var removePaths = remove.Select(name => envVarsPath.Add(PathSegment.EnvVarName, name)).ToList();
            var existing = set.Count == 0 ? new HashSet<string>() : new HashSet<string>(
                (await ListEnvironmentVariablesAsync(actorId, versionNumber, cancellationToken).ConfigureAwait(false)).Select(e => e.Name), StringComparer.Ordinal);
            for (var i = 0; i < set.Count; i++)
            {
                var v = set[i];
                var name = (string)v.Get("name")!;
                var request = existing.Contains(name)
                    ? new ApifyRequest(Put, setPaths[i], kind: ApifyRequestKind.Write)
                    : new ApifyRequest(HttpMethod.Post, envVarsPath, kind: ApifyRequestKind.Start);
                request.Content = v.ToContent;
                request.TargetId = $"{target} {name}";
                await SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < remove.Count; i++)
                await SendAsync(new ApifyRequest(HttpMethod.Delete, removePaths[i], kind: ApifyRequestKind.Write)
                    { TargetId = $"{target} {remove[i]}" }, cancellationToken).ConfigureAwait(false);
        }
    }
}
