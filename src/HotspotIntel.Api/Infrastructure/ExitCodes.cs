namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// What the command-line verbs' exit codes mean, so scripts can tell a mistake in the command from a fault elsewhere
/// (README.md, "Command-line verbs"; printed by <c>--help</c>).
/// </summary>
internal static class ExitCodes
{
    /// <summary>The verb did what was asked (an import already made with the same key included).</summary>
    public const int Success = 0;

    /// <summary>The verb ran and found a failure: the audit log's chain is broken, or an import file was refused.</summary>
    public const int Failed = 1;

    /// <summary>The command was wrong: an unknown verb or option, a missing or invalid value, an unknown agency.</summary>
    public const int Usage = 2;

    /// <summary>The configuration is missing or invalid: a connection string or the signing key.</summary>
    public const int Configuration = 3;

    /// <summary>The database could not be reached, or refused the work (a failing migration included).</summary>
    public const int Database = 4;

    /// <summary>An error nobody foresaw (a bug): reported in one line, as every other error.</summary>
    public const int Internal = 70;

    public const string Summary = "Exit codes: 0 done; 1 the verb ran and found a failure (broken audit chain, refused import); "
        + "2 wrong command (unknown verb or option, missing or invalid value, unknown agency); 3 missing or invalid configuration; "
        + "4 database unreachable or refused the work; 70 unexpected error.";
}
