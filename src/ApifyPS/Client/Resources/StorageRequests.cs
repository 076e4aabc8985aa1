namespace ApifyPS.Client
{
    /// <summary>The requests datasets, key-value stores and request queues share: create by name, update.</summary>
    internal static class StorageRequests
    {
        /// <summary>
        /// <c>POST {collection}?name=</c>: with a name a keyed upsert (the API answers the existing storage of that name),
        /// so a write that may be repeated; without one a create of a new unnamed storage, never repeated blindly.
        /// </summary>
        public static ApifyRequest Create(ApifyPath collection, string? name, string kind)
        {
            var named = !string.IsNullOrEmpty(name);
            return new ApifyRequest(HttpMethod.Post, collection, named ? ApifyRequestPolicy.Write : ApifyRequestPolicy.Create,
                new ApifyQuery().Add("name", named ? name : null))
            {
                TargetId = named ? name : null,
                OutcomeCheck = named ? null : ApifyOutcomeCheck.UnnamedStorages(kind),
            };
        }

        /// <summary><c>PUT {storage}</c> with only the fields given (name, generalAccess).</summary>
        public static ApifyRequest Update(ApifyPath storage, string id, ApifyBody changes)
        {
            if (changes == null || changes.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            return new ApifyRequest(new HttpMethod("PUT"), storage, ApifyRequestPolicy.Write) { Content = changes.ToContent, TargetId = id };
        }
    }
}
