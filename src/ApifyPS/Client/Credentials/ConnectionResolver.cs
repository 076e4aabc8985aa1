namespace ApifyPS.Client
{
    /// <summary>Everything the resolver looks at, so tests can give it their own session, environment and files.</summary>
    public sealed class ConnectionSources
    {
        public ConnectionSources(ApifySession session, Func<string, string?> environment, CredentialStore store, string cliAuthFile,
            ISecretVault? vault = null)
        {
            Session = session ?? throw new ArgumentNullException(nameof(session));
            Environment = environment ?? throw new ArgumentNullException(nameof(environment));
            Store = store ?? throw new ArgumentNullException(nameof(store));
            CliAuthFile = cliAuthFile ?? throw new ArgumentNullException(nameof(cliAuthFile));
            Vault = vault;
        }

        public ApifySession Session { get; }

        /// <summary>Reads an environment variable (null when unset).</summary>
        public Func<string, string?> Environment { get; }

        public CredentialStore Store { get; }

        /// <summary>The Apify CLI's login file (~/.apify/auth.json).</summary>
        public string CliAuthFile { get; }

        /// <summary>Reaches SecretManagement vaults; null where there is no PowerShell to run it.</summary>
        public ISecretVault? Vault { get; }

        private readonly List<CredentialFileWarning> _warnings = new List<CredentialFileWarning>();

        /// <summary>What was wrong with the credential files the resolver used (files others can open), every time.</summary>
        public IReadOnlyList<CredentialFileWarning> Warnings => _warnings;

        internal void Warn(IEnumerable<CredentialFileWarning> warnings) => _warnings.AddRange(warnings);

        /// <summary>
        /// The warnings not shown yet in this session, now marked as shown: what a cmdlet writes. Tab completion never
        /// takes them, so the next cmdlet still shows what it found.
        /// </summary>
        public IReadOnlyList<CredentialFileWarning> TakeWarnings() => _warnings.Where(w => Session.FirstWarning(w.Path)).ToList();

        /// <summary>This process's session, environment, the user's store and the CLI's file.</summary>
        public static ConnectionSources ForCurrentUser(ISecretVault? vault = null)
        {
            Func<string, string?> environment = System.Environment.GetEnvironmentVariable;
            return new ConnectionSources(ApifySession.Current, environment, CredentialStore.ForCurrentUser(environment),
                ApifyCliLogin.DefaultPath(environment), vault);
        }
    }

    /// <summary>
    /// Finds the connection the next request uses; the first source that has a token wins:
    /// 1. the session's connection (Connect-Apify); 2. <c>$env:APIFY_TOKEN</c>; 3. the stored profile
    /// (<c>$env:APIFY_PROFILE</c> or <c>default</c>); 4. the Apify CLI's login file (<c>~/.apify/auth.json</c>).
    /// The base URI travels with the token: the session and a stored profile carry their own; a token from the
    /// environment or the CLI's file goes to <c>$env:APIFY_CLIENT_BASE_URL</c> or else https://api.apify.com.
    /// Whichever wins, a plain http base URI to another machine is refused here, before any request, unless that
    /// source allows it (<see cref="ApifyConnection.EnsureTransportAllowed"/>): the session and a stored profile keep
    /// Connect-Apify's <c>-AllowUnencryptedAuthentication</c>, the environment says so with
    /// <c>$env:APIFY_ALLOW_UNENCRYPTED = '1'</c>.
    /// </summary>
    public static class ConnectionResolver
    {
        public const string TokenVariable = "APIFY_TOKEN";
        public const string BaseUrlVariable = "APIFY_CLIENT_BASE_URL";
        public const string ProfileVariable = "APIFY_PROFILE";

        /// <summary>'1' or 'true': the environment's base URI may be plain http to another machine.</summary>
        public const string AllowUnencryptedVariable = "APIFY_ALLOW_UNENCRYPTED";

        /// <summary>The connection to use, or an <see cref="ApifyConnectionException"/> of type not-connected saying how to connect.</summary>
        public static ApifyConnection Resolve() => Resolve(ConnectionSources.ForCurrentUser());

        public static ApifyConnection Resolve(ConnectionSources sources)
        {
            var connection = Find(sources);
            connection.EnsureTransportAllowed();
            return connection;
        }

        /// <summary>
        /// The stored profile <paramref name="profile"/> (a cmdlet's -Profile): for that call only, ahead of the session
        /// and <c>$env:APIFY_TOKEN</c>. A profile that is not stored is <c>profile-not-found</c>, naming the ones that are.
        /// </summary>
        public static ApifyConnection ResolveProfile(ConnectionSources sources, string profile)
        {
            if (!CredentialStore.IsValidProfileName(profile))
                throw new ApifyConnectionException(ApifyErrorTypes.ProfileNotFound, $"-Profile: '{profile}' is not a profile name.");
            var stored = sources.Store.Load(profile)
                ?? throw new ApifyConnectionException(ApifyErrorTypes.ProfileNotFound,
                    $"-Profile: no profile '{profile}' is stored in {sources.Store.Directory}{StoredList(sources.Store)}. " +
                    $"Store it with 'Connect-Apify -Profile {profile}'.");
            var connection = FromStoredProfile(stored, sources);
            connection.EnsureTransportAllowed();
            return connection;
        }

        private static ApifyConnection Find(ConnectionSources sources)
        {
            var session = sources.Session.Connection;
            if (session != null) return session;

            var token = sources.Environment(TokenVariable);
            if (!string.IsNullOrWhiteSpace(token))
                return new ApifyConnection(EnvironmentBaseUri(sources.Environment), token!.Trim(), ApifyConnectionSource.Environment, null,
                        EnvironmentAllowsUnencrypted(sources.Environment))
                    .WithSource(ApifyConnectionSource.Environment, "$env:" + TokenVariable, null);

            var named = sources.Environment(ProfileVariable);
            var explicitProfile = !string.IsNullOrWhiteSpace(named);
            var profileName = explicitProfile ? named!.Trim() : CredentialStore.DefaultProfile;
            if (!CredentialStore.IsValidProfileName(profileName))
                throw new ApifyConnectionException(ApifyErrorTypes.NotConnected,
                    $"The environment variable {ProfileVariable} ('{profileName}') is not a profile name.");
            var stored = sources.Store.Load(profileName);
            if (stored != null) return FromStoredProfile(stored, sources);
            if (explicitProfile)
                throw new ApifyConnectionException(ApifyErrorTypes.ProfileNotFound,
                    $"{ProfileVariable} names the profile '{profileName}', but no such profile is stored in {sources.Store.Directory}" +
                    $"{StoredList(sources.Store)}. Store it with 'Connect-Apify -Profile {profileName}'.");

            var cli = ApifyCliLogin.Read(sources.CliAuthFile, EnvironmentBaseUri(sources.Environment), EnvironmentAllowsUnencrypted(sources.Environment));
            if (cli != null)
            {
                sources.Warn(CredentialFileWarning.ForCliLogin(sources.CliAuthFile));
                return cli;
            }

            throw new ApifyConnectionException(ApifyErrorTypes.NotConnected,
                "Not connected to Apify: no token was found. Run Connect-Apify once to check your API token and store it " +
                "for this user (scheduled tasks of the same account then need nothing more), set the environment variable " +
                "APIFY_TOKEN, or log in with the Apify CLI ('apify login'). Your token is in Apify Console > Settings > " +
                "API & Integrations.");
        }

        /// <summary>A stored profile, read from <paramref name="sources"/>' store, as a connection; notes a file others can open.</summary>
        public static ApifyConnection FromStoredProfile(StoredProfile profile, ConnectionSources sources)
        {
            sources.Warn(CredentialFileWarning.ForProfile(profile));
            return FromProfile(profile, sources.Vault);
        }

        /// <summary>A stored profile as a connection; a vault-kept token is fetched from its vault now.</summary>
        public static ApifyConnection FromProfile(StoredProfile profile, ISecretVault? vault)
        {
            string token;
            if (profile.Protection == TokenProtection.SecretVault)
            {
                if (vault == null || !vault.IsAvailable)
                    throw new ApifyConnectionException(ApifyErrorTypes.SecretVaultUnavailable,
                        $"The stored profile '{profile.Name}' keeps its token in the SecretManagement vault '{profile.Vault}', but the " +
                        "module Microsoft.PowerShell.SecretManagement is not available here. Install it " +
                        "(Install-PSResource Microsoft.PowerShell.SecretManagement) with the vault's extension, or store the " +
                        $"profile again without -Vault.");
                token = vault.GetSecret(profile.Vault!, profile.SecretName!);
                if (string.IsNullOrWhiteSpace(token))
                    throw CredentialStore.Unreadable(profile.Name, profile.Path,
                        $"the secret '{profile.SecretName}' in vault '{profile.Vault}' is empty", null);
            }
            else
            {
                token = profile.Token!;
            }
            return new ApifyConnection(profile.BaseUri, token.Trim(), ApifyConnectionSource.StoredProfile, profile.Name,
                    profile.AllowUnencryptedAuthentication)
                .WithUser(profile.Username, profile.UserId)
                .WithSource(ApifyConnectionSource.StoredProfile, profile.TokenLocation, profile.Name);
        }

        /// <summary>$env:APIFY_CLIENT_BASE_URL, or https://api.apify.com.</summary>
        public static Uri EnvironmentBaseUri() => EnvironmentBaseUri(Environment.GetEnvironmentVariable);

        public static Uri EnvironmentBaseUri(Func<string, string?> environment)
        {
            var baseUrl = environment(BaseUrlVariable);
            if (string.IsNullOrWhiteSpace(baseUrl)) return ApifyConnection.DefaultBaseUri;
            if (!Uri.TryCreate(baseUrl!.Trim(), UriKind.Absolute, out var uri))
                throw new ApifyConnectionException(ApifyErrorTypes.NotConnected,
                    $"The environment variable {BaseUrlVariable} ('{baseUrl}') is not an absolute URI.");
            return uri;
        }

        /// <summary>Whether <c>$env:APIFY_ALLOW_UNENCRYPTED</c> is '1' or 'true' (any case); anything else is no.</summary>
        public static bool EnvironmentAllowsUnencrypted(Func<string, string?> environment)
        {
            var value = environment(AllowUnencryptedVariable)?.Trim();
            return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        }

        private static string StoredList(CredentialStore store)
        {
            var names = store.List();
            return names.Count == 0 ? " (none is)" : " (stored: " + string.Join(", ", names) + ")";
        }
    }
}
