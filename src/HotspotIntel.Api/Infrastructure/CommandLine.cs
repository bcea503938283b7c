using System.CommandLine;
using System.CommandLine.Invocation;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// The verbs the API binary runs instead of serving, parsed by System.CommandLine (each has <c>--help</c>):
/// <c>migrate</c> applies <c>migrations/</c> with the schema owner's connection;
/// <c>issue-token --user U --role R [--agency CODE|ID] [--hours H]</c> prints a locally signed bearer token (development);
/// <c>verify-audit</c> checks the audit log's hash chain, seals and checkpoints (exit code 1 when broken);
/// <c>import reports|premises &lt;file&gt; --agency &lt;CODE&gt; --key &lt;key&gt;</c> imports a file as the import endpoints do,
/// as an operator on the schema owner's connection.
/// With no verb, or with only ASP.NET Core host options (<c>--urls …</c>, <c>key=value</c>), the web server starts.
/// Every verb also takes configuration as <c>--Section:Key=value</c>, after appsettings.json and the environment.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "issue-token", "verify-audit", "import"];

    private const int MaxTokenHours = 720;

    private static readonly string[] HelpAndVersion = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>Runs the verb <paramref name="args"/> names and returns its exit code (<see cref="ExitCodes"/>), or null when they name none (serve the API).</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (commandArgs, settings) = SplitSettings(args);
        if (!NamesAVerb(commandArgs))
        {
            return null;
        }

        var root = Root(Configuration(settings));
        var parsed = root.Parse(commandArgs);
        if (parsed.Action is ParseErrorAction)
        {
            var command = parsed.CommandResult.Command;
            var message = command == root && parsed.UnmatchedTokens is [var unknown, ..]
                ? $"'{unknown}' is not a verb; the verbs are {string.Join(", ", Verbs)}."
                : OneLine(parsed.Errors[0].Message);
            await error.WriteLineAsync($"error: {message} See '{(command == root ? "" : command.Name + " ")}--help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CommandLineException failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
        catch (Exception failure) when (DatabaseFailure(failure) is { } database)
        {
            // EF Core wraps a refused connection in "likely due to a transient failure"; the database's own words say more.
            await error.WriteLineAsync($"error: the database: {OneLine(database.Message)}");
            return ExitCodes.Database;
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            // An operator needs the reason, not a stack trace; a bug shows as its own exit code.
            await error.WriteLineAsync($"error: unexpected {unexpected.GetType().Name}: {OneLine(unexpected.Message)}");
            return ExitCodes.Internal;
        }
    }

    /// <summary>
    /// Whether <paramref name="args"/> are for the command line rather than the web host: a verb, help, or a first word
    /// that is neither an option nor an ASP.NET Core <c>key=value</c> setting (an unknown verb, answered with an error).
    /// </summary>
    private static bool NamesAVerb(string[] args) => args switch
    {
        [] => false,
        [var first, ..] when HelpAndVersion.Contains(first) || Verbs.Contains(first) => true,
        [var first, ..] => !first.StartsWith('-') && !first.StartsWith('/') && !first.Contains('='),
    };

    /// <summary>Separates configuration overrides (<c>--Section:Key=value</c> or <c>--Section:Key value</c>) from the verb's own arguments.</summary>
    private static (string[] CommandArgs, string[] Settings) SplitSettings(string[] args)
    {
        var commandArgs = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Split('=', 2)[0].Contains(':'))
            {
                settings.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                commandArgs.Add(arg);
            }
        }

        return ([.. commandArgs], [.. settings]);
    }

    private static RootCommand Root(IConfiguration configuration) =>
        new("HotspotIntel: the API server, and verbs for operators. With no verb (or with only ASP.NET Core host options "
            + "such as --urls) it serves the API. Configuration comes from appsettings.json, the environment "
            + "(ConnectionStrings__HotspotIntelAdmin=…) and, for a verb, --Section:Key=value options. " + ExitCodes.Summary)
        {
            Subcommands =
            {
                MigrateCommand(configuration),
                IssueTokenCommand(configuration),
                VerifyAuditCommand(configuration),
                ImportCommand.Create(configuration),
            },
        };

    /// <summary>The same configuration sources the web host reads: appsettings, environment, then the <c>--Section:Key=value</c> overrides.</summary>
    private static IConfiguration Configuration(string[] settings) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production"}.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(settings)
        .Build();

    /// <summary>A DbContext that acts as the given identity, for commands and jobs that run outside a request.</summary>
    public static HotspotIntelDbContext CreateDbContext(string connectionString, AccessSession session) => new(
        new DbContextOptionsBuilder<HotspotIntelDbContext>()
            .UseNpgsql(new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build(), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AccessSessionInterceptor(() => session))
            .Options);

    /// <summary>
    /// The connection string <paramref name="connectionName"/>, which must be configured: the schema owner's is never
    /// stood in for by the application's (whose appsettings.json default points at the local demo database).
    /// </summary>
    public static string RequiredConnectionString(IConfiguration configuration, string connectionName, string purpose) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new CommandLineException(ExitCodes.Configuration,
                $"ConnectionStrings:{connectionName} is not configured: {purpose}. Set ConnectionStrings__{connectionName} or pass --ConnectionStrings:{connectionName}=….");

    /// <summary>The background jobs' login (<see cref="DatabaseSetup.Jobs"/>), which reads what the verb needs unmasked.</summary>
    private static string JobsConnectionString(IConfiguration configuration, string purpose)
    {
        try
        {
            return DatabaseSetup.Jobs.ConnectionString(configuration);
        }
        catch (InvalidOperationException missing)
        {
            throw new CommandLineException(ExitCodes.Configuration, $"{missing.Message} ({purpose}).");
        }
    }

    private static Command MigrateCommand(IConfiguration configuration)
    {
        var command = new Command("migrate", "Apply the migrations in migrations/ that the database lacks, on the schema owner's "
            + $"connection (ConnectionStrings:{DatabaseSetup.AdminConnectionName}, required).");
        command.SetAction(_ =>
        {
            var connectionString = RequiredConnectionString(configuration, DatabaseSetup.AdminConnectionName, "migrate runs as the schema owner");
            try
            {
                DatabaseMigrator.Migrate(connectionString, rolePasswords: DatabaseSetup.RolePasswords(configuration));
            }
            catch (InvalidOperationException failed)
            {
                throw new CommandLineException(ExitCodes.Database, OneLine($"{failed.Message} {failed.InnerException?.Message}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command IssueTokenCommand(IConfiguration configuration)
    {
        var user = new Option<string>("--user") { Description = "The user id the token names (its sub claim).", Required = true };
        user.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("--user must not be empty.");
            }
        });
        var roles = string.Join(", ", EnumCodes<UserRole>.All);
        var role = new Option<UserRole>("--role")
        {
            Description = $"The user's role: {roles}.",
            HelpName = "role",
            Required = true,
            CustomParser = result =>
            {
                if (EnumCodes<UserRole>.TryParse(result.Tokens.Single().Value, out var parsed))
                {
                    return parsed;
                }

                result.AddError($"--role must be one of {roles}, not '{result.Tokens.Single().Value}'.");
                return default;
            },
        };
        var agency = new Option<string?>("--agency")
        {
            Description = "The agency's code or id; required for every role but administrator.",
        };
        var hours = new Option<double>("--hours")
        {
            Description = $"How long the token is valid, in hours (more than 0, at most {MaxTokenHours}).",
            DefaultValueFactory = _ => 8,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                    && value is > 0 and <= MaxTokenHours)
                {
                    return value;
                }

                result.AddError($"--hours must be a number of hours more than 0 and at most {MaxTokenHours}, not '{text}'.");
                return default;
            },
        };

        var command = new Command("issue-token", "Print a bearer token signed with Auth:SigningKey, for development sign-in.")
        {
            user, role, agency, hours,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var userRole = parsed.GetValue(role);
            if (userRole != UserRole.Administrator && parsed.GetValue(agency) is null)
            {
                throw new CommandLineException(ExitCodes.Usage,
                    $"--agency is required for the role {EnumCodes<UserRole>.ToCode(userRole)}: every role but administrator acts for an agency.");
            }

            var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
            if (string.IsNullOrEmpty(options.SigningKey))
            {
                throw new CommandLineException(ExitCodes.Configuration, "Auth:SigningKey is not configured: set Auth__SigningKey to the key the API validates tokens with.");
            }

            var agencyId = parsed.GetValue(agency) is { } agencyCodeOrId ? await AgencyIdAsync(configuration, agencyCodeOrId, cancellationToken) : (Guid?)null;
            string token;
            try
            {
                token = LocalTokens.Issue(options, parsed.GetValue(user)!.Trim(), userRole, agencyId, TimeSpan.FromHours(parsed.GetValue(hours)), DateTimeOffset.UtcNow);
            }
            catch (Exception invalidKey) when (invalidKey is FormatException or ArgumentException)
            {
                throw new CommandLineException(ExitCodes.Configuration, $"Auth:SigningKey is not a usable key: {OneLine(invalidKey.Message)}");
            }

            await parsed.InvocationConfiguration.Output.WriteLineAsync(token);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<Guid> AgencyIdAsync(IConfiguration configuration, string codeOrId, CancellationToken cancellationToken)
    {
        await using var db = CreateDbContext(JobsConnectionString(configuration, "issue-token looks up the agency"), AccessSession.System);
        var code = codeOrId.Trim().ToUpperInvariant();
        var agency = Guid.TryParse(codeOrId, out var id)
            ? await db.Agencies.Where(a => a.Id == id).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken)
            : await db.Agencies.Where(a => a.Code == code).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
        return agency ?? throw new CommandLineException(ExitCodes.Usage, $"There is no agency with the code or id '{codeOrId}'.");
    }

    private static Command VerifyAuditCommand(IConfiguration configuration)
    {
        var command = new Command("verify-audit", "Check the audit log's hash chain, its seals and checkpoints; exit code 1 when anything is wrong.");
        command.SetAction(async (parsed, _) =>
        {
            var verification = await VerifyAuditAsync(configuration);
            await parsed.InvocationConfiguration.Output.WriteLineAsync(verification.Describe());
            return verification.Intact ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task<AuditVerification> VerifyAuditAsync(IConfiguration configuration)
    {
        await using var db = CreateDbContext(JobsConnectionString(configuration, "verify-audit reads the audit log"), AccessSession.System);
        AuditVerifier verifier;
        try
        {
            verifier = AuditVerifier.From(configuration);
        }
        catch (InvalidOperationException unusable)
        {
            throw new CommandLineException(ExitCodes.Configuration, $"{unusable.Message} (verify-audit checks the seals with it).");
        }

        return await verifier.VerifyAsync(db, CancellationToken.None);
    }

    private static NpgsqlException? DatabaseFailure(Exception? exception) => exception switch
    {
        null => null,
        NpgsqlException database => database,
        _ => DatabaseFailure(exception.InnerException),
    };

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
