namespace ApifyPS.Client
{
    /// <summary>Actors: <c>/v2/actors</c>.</summary>
    public sealed class ActorsClient : ApifyResourceClient
    {
        internal ActorsClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>
        /// The Actors the user created or used (<c>GET /v2/actors</c>), or only the ones they own (<c>my=true</c>);
        /// the short form of each (no versions).
        /// </summary>
        public IAsyncEnumerable<ApifyActor> ListAsync(bool my, ApifyActorSort? sortBy, PageRequest paging, CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery()
                .AddFlag("my", my)
                .Add("sortBy", sortBy == ApifyActorSort.LastRunStartedAt ? "stats.lastRunStartedAt" : sortBy == ApifyActorSort.CreatedAt ? "createdAt" : null);
            return ListAsync<ApifyActor>(ApifyPaths.Actors(), query, paging, null, cancellationToken);
        }

        /// <summary>One Actor with everything the API knows (<c>GET /v2/actors/{actorId}</c>); id or username~name.</summary>
        public async Task<ApifyActor> GetAsync(string actorId, CancellationToken cancellationToken = default) =>
            (await GetDataAsync<ApifyActor>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Actor(actorId), ApifyRequestPolicy.Read) { TargetId = actorId },
                cancellationToken).ConfigureAwait(false)).Attach();

        /// <summary>Creates an Actor (<c>POST /v2/actors</c>, 201) from a body checked by <see cref="ApifyActorSchema.NormalizeActor"/>.</summary>
        public async Task<ApifyActor> CreateAsync(ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeActor(body, creating: true);
            var name = normalized.Get("name") as string;
            var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.Actors(), ApifyRequestPolicy.Create)
            {
                Content = normalized.ToContent,
                TargetId = name,
                OutcomeCheck = ApifyOutcomeCheck.Actors(name),
            };
            return (await GetDataAsync<ApifyActor>(request, cancellationToken).ConfigureAwait(false)).Attach();
        }

        /// <summary>Changes only the fields in the body (<c>PUT /v2/actors/{actorId}</c>) and returns the whole Actor.</summary>
        public async Task<ApifyActor> UpdateAsync(string actorId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            var normalized = ApifyActorSchema.NormalizeActor(body, creating: false);
            if (normalized.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            var request = new ApifyRequest(Put, ApifyPaths.Actor(actorId), ApifyRequestPolicy.Write) { Content = normalized.ToContent, TargetId = actorId };
            return (await GetDataAsync<ApifyActor>(request, cancellationToken).ConfigureAwait(false)).Attach();
        }

        /// <summary>Deletes an Actor with its builds, runs and versions (<c>DELETE /v2/actors/{actorId}</c>, 204).</summary>
        public Task DeleteAsync(string actorId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Actor(actorId), ApifyRequestPolicy.Write) { TargetId = actorId }, cancellationToken);

        // Reach: validate-input.

        /// <summary>
        /// Checks an input against the input schema of the Actor's build (<c>POST /v2/actors/{actorId}/validate-input</c>,
        /// the <c>latest</c> build unless <paramref name="build"/> names one); nothing runs. Invalid input is the API's
        /// 400 <c>invalid-input</c>, which comes back as the reason rather than an exception; an input is valid when the
        /// reason is null. A POST that changes nothing, so it is retried like a read.
        /// </summary>
        public async Task<string?> ValidateInputAsync(string actorId, ApifyInput input, string? build = null, CancellationToken cancellationToken = default)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorValidateInput(actorId), ApifyRequestPolicy.Write,
                new ApifyQuery().Add("build", build))
            {
                TargetId = actorId,
                Content = input.ToContent,
            };
            try
            {
                await Core.ExecuteAsync(request, async (response, token) =>
                {
                    // {"valid": true}, not in a data envelope (the spec's answer); read to check it is JSON.
                    using var body = await ResponseBody.ReadAllAsync(response, Core.JsonCap(ApifyBodyKind.JsonAnswer, "a JSON answer"), token).ConfigureAwait(false);
                    RestClient.LocateData(body.ToArray());
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (ApifyApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest && ex.ErrorType == "invalid-input")
            {
                return ex.Message;
            }
        }
    }
}
