namespace ApifyPS.Models
{
    /// <summary>
    /// What Connect-Apify made and Get-ApifyConnection reports: the account, the API root and where the token came
    /// from. It never holds the token, so no formatter, export or transcript can show it.
    /// </summary>
    public sealed class ApifyConnectionInfo
    {
        public string? Username { get; set; }

        public string? UserId { get; set; }

        /// <summary>The stored profile the token belongs to, if any.</summary>
        public string? Profile { get; set; }

        public Uri? BaseUri { get; set; }

        /// <summary>Session, Environment, StoredProfile or ApifyCli (in the order they are tried).</summary>
        public ApifyConnectionSource Source { get; set; }

        /// <summary>Where the token was found: "Connect-Apify", "$env:APIFY_TOKEN", a file, a vault.</summary>
        public string? Location { get; set; }

        /// <summary>Whether the token may go over plain http to another machine (Connect-Apify -AllowUnencryptedAuthentication).</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>Where Connect-Apify stored it (a file or a vault); empty with -SessionOnly and for Get-ApifyConnection.</summary>
        public string? StoredIn { get; set; }

        public static ApifyConnectionInfo From(ApifyConnection connection, string? storedIn = null) => new ApifyConnectionInfo
        {
            Username = connection.Username,
            UserId = connection.UserId,
            Profile = connection.Profile,
            BaseUri = connection.BaseUri,
            Source = connection.Source,
            Location = connection.Location,
            AllowUnencryptedAuthentication = connection.AllowUnencryptedAuthentication,
            StoredIn = storedIn,
        };

        public override string ToString() =>
            $"{(string.IsNullOrEmpty(Username) ? "(unknown user)" : Username)} at {BaseUri} ({Source}{(Profile != null ? " '" + Profile + "'" : "")})";
    }
}
