namespace ApifyPS.Client
{
    /// <summary>Versions of an Actor and their environment variables: <c>/v2/actors/{actorId}/versions</c>.</summary>
    public sealed class ActorVersionsClient : ApifyResourceClient
    {
        internal ActorVersionsClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The Actor's versions (<c>GET /v2/actors/{actorId}/versions</c>; the API does not page them).</summary>
        public async Task<IReadOnlyList<ApifyActorVersion>> ListAsync(string actorId, CancellationToken cancellationToken = default)
        {
            var list = await GetDataAsync<ItemList<ApifyActorVersion>>(
                new ApifyRequest(HttpMethod.Get, ApifyPaths.ActorVersions(actorId), ApifyRequestPolicy.Read) { TargetId = actorId },
                cancellationToken).ConfigureAwait(false);
            var items = list.Items ?? new List<ApifyActorVersion>();
            foreach (var v in items) v.ActorId = actorId;
            return items;
        }

        /// <summary>One version (<c>GET /v2/actors/{actorId}/versions/{versionNumber}</c>).</summary>
        public async Task<ApifyActorVersion> GetAsync(string actorId, string versionNumber, CancellationToken cancellationToken = default)
        {
            var version = await GetDataAsync<ApifyActorVersion>(
                new ApifyRequest(HttpMethod.Get, ApifyPaths.ActorVersion(actorId, versionNumber), ApifyRequestPolicy.Read)
                    { TargetId = $"{actorId} {versionNumber}" }, cancellationToken).ConfigureAwait(false);
            version.ActorId = actorId;
            return version;
        }

        /// <summary>Creates a version (<c>POST /v2/actors/{actorId}/versions</c>, 201); versionNumber and sourceType required.</summary>
        public async Task<ApifyActorVersion> CreateAsync(string actorId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeVersion(body, creating: true);
            var number = normalized.Get("versionNumber") as string;
            var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorVersions(actorId), ApifyRequestPolicy.Create)
            {
                Content = normalized.ToContent,
                TargetId = $"{actorId} {number}",
                OutcomeCheck = ApifyOutcomeCheck.VersionsOf(actorId, number),
            };
            var version = await GetDataAsync<ApifyActorVersion>(request, cancellationToken).ConfigureAwait(false);
            version.ActorId = actorId;
            return version;
        }

        /// <summary>Changes only the fields in the body (<c>PUT /v2/actors/{actorId}/versions/{versionNumber}</c>).</summary>
        public async Task<ApifyActorVersion> UpdateAsync(string actorId, string versionNumber, ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeVersion(body, creating: false);
            if (normalized.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            var request = new ApifyRequest(Put, ApifyPaths.ActorVersion(actorId, versionNumber), ApifyRequestPolicy.Write)
            {
                Content = normalized.ToContent,
                TargetId = $"{actorId} {versionNumber}",
            };
            var version = await GetDataAsync<ApifyActorVersion>(request, cancellationToken).ConfigureAwait(false);
            version.ActorId = actorId;
            return version;
        }

        /// <summary>Deletes a version (<c>DELETE /v2/actors/{actorId}/versions/{versionNumber}</c>, 204).</summary>
        public Task DeleteAsync(string actorId, string versionNumber, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.ActorVersion(actorId, versionNumber), ApifyRequestPolicy.Write)
                { TargetId = $"{actorId} {versionNumber}" }, cancellationToken);

        /// <summary>
        /// Changes a version in part: its fields (<paramref name="changes"/>, by PUT, when there are any), then its
        /// environment variables (<see cref="SetEnvironmentVariablesAsync"/>). Returns the version as it ends up when
        /// <paramref name="returnVersion"/> (read again after environment variable changes), else null.
        /// </summary>
        public async Task<ApifyActorVersion?> ChangeAsync(string actorId, string versionNumber, ApifyBody changes, IReadOnlyList<ApifyBody> set,
            IReadOnlyList<string> remove, bool returnVersion, CancellationToken cancellationToken = default)
        {
            ApifyActorVersion? updated = null;
            if (changes.Count > 0) updated = await UpdateAsync(actorId, versionNumber, changes, cancellationToken).ConfigureAwait(false);
            if (set.Count > 0 || remove.Count > 0)
            {
                await SetEnvironmentVariablesAsync(actorId, versionNumber, set, remove, cancellationToken).ConfigureAwait(false);
                updated = null;
            }
            if (!returnVersion) return null;
            return updated ?? await GetAsync(actorId, versionNumber, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The version a build without an explicit version builds: the Actor's highest version number
        /// (compared as MAJOR.MINOR numbers, so 0.10 is above 0.9).
        /// </summary>
        public async Task<string> HighestAsync(string actorId, CancellationToken cancellationToken = default)
        {
            var highest = (await ListAsync(actorId, cancellationToken).ConfigureAwait(false))
                .Select(v => v.VersionNumber)
                .Where(v => TryParseVersion(v, out _))
                .OrderByDescending(v => { TryParseVersion(v, out var parsed); return parsed; })
                .FirstOrDefault();
            if (highest == null)
                throw new ApifyApiException(null, ApifyErrorTypes.RecordNotFound,
                    $"Actor '{actorId}' has no version to build; create a version first or name one.", "GET",
                    ApifyPaths.ActorVersions(actorId).Value) { TargetId = actorId };
            return highest;
        }

        /// <summary>A version's environment variables (<c>GET .../versions/{versionNumber}/env-vars</c>); secrets without values.</summary>
        public async Task<IReadOnlyList<ApifyEnvironmentVariable>> ListEnvironmentVariablesAsync(string actorId, string versionNumber,
            CancellationToken cancellationToken = default)
        {
            var list = await GetDataAsync<ItemList<ApifyEnvironmentVariable>>(
                new ApifyRequest(HttpMethod.Get, ApifyPaths.EnvironmentVariables(actorId, versionNumber), ApifyRequestPolicy.Read)
                    { TargetId = $"{actorId} {versionNumber}" },
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
            var envVarsPath = ApifyPaths.EnvironmentVariables(actorId, versionNumber);
            var setPaths = set.Select(v => ApifyPaths.EnvironmentVariable(actorId, versionNumber, (v.Get("name") as string)!)).ToList();
            var removePaths = remove.Select(name => ApifyPaths.EnvironmentVariable(actorId, versionNumber, name)).ToList();
            var existing = set.Count == 0 ? new HashSet<string>() : new HashSet<string>(
                (await ListEnvironmentVariablesAsync(actorId, versionNumber, cancellationToken).ConfigureAwait(false)).Select(e => e.Name), StringComparer.Ordinal);
            for (var i = 0; i < set.Count; i++)
            {
                var v = set[i];
                var name = (string)v.Get("name")!;
                var request = existing.Contains(name)
                    ? new ApifyRequest(Put, setPaths[i], ApifyRequestPolicy.Write)
                    : new ApifyRequest(HttpMethod.Post, envVarsPath, ApifyRequestPolicy.Create)
                    {
                        OutcomeCheck = ApifyOutcomeCheck.EnvironmentVariablesOf(actorId, versionNumber, name),
                    };
                request.Content = v.ToContent;
                request.TargetId = $"{target} {name}";
                await SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < remove.Count; i++)
                await SendAsync(new ApifyRequest(HttpMethod.Delete, removePaths[i], ApifyRequestPolicy.Write) { TargetId = $"{target} {remove[i]}" },
                    cancellationToken).ConfigureAwait(false);
        }

        internal static bool TryParseVersion(string? text, out Version version)
        {
            version = new Version(0, 0);
            if (string.IsNullOrEmpty(text)) return false;
            var parts = text!.Split('.');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || major < 0 || minor < 0) return false;
            version = new Version(major, minor);
            return true;
        }
    }
}
