using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>
/// What each role may do (docs/architecture.md, Who uses it), as authorization policies that endpoints require. The database enforces the
/// same through row-level security (migrations/0002); each layer alone must refuse what the other refuses.
/// </summary>
public static class Policies
{
    /// <summary>Read reports, premises, places and vehicles (children-linked locations masked for some roles, in SQL).</summary>
    public const string ReadRecords = "read-records";

    /// <summary>Submit intelligence reports and imports.</summary>
    public const string SubmitReports = "submit-reports";

    /// <summary>Correct or delete reports; record and read persons, links and missing episodes.</summary>
    public const string HandlePersonIntelligence = "handle-person-intelligence";

    /// <summary>Record premises, named places and vehicles.</summary>
    public const string RecordPlaces = "record-places";

    /// <summary>Start a hotspot analysis run with a chosen method and parameters.</summary>
    public const string TriggerHotspotRuns = "trigger-hotspot-runs";

    /// <summary>Read the audit log; retain or erase records due for review.</summary>
    public const string Supervise = "supervise";

    /// <summary>Manage agencies and sharing agreements.</summary>
    public const string Administer = "administer";

    /// <summary>Import the partnership's area boundaries and population figures (reference data, no intelligence).</summary>
    public const string ImportAreas = "import-areas";

    public static readonly IReadOnlyDictionary<string, UserRole[]> RolesByPolicy = new Dictionary<string, UserRole[]>
    {
        [ReadRecords] = [UserRole.TaskingMember, UserRole.Analyst, UserRole.LicensingOfficer, UserRole.Supervisor],
        [SubmitReports] = [UserRole.TaskingMember, UserRole.Analyst, UserRole.LicensingOfficer, UserRole.Supervisor],
        [HandlePersonIntelligence] = [UserRole.Analyst, UserRole.Supervisor],
        [RecordPlaces] = [UserRole.Analyst, UserRole.LicensingOfficer, UserRole.Supervisor],
        [TriggerHotspotRuns] = [UserRole.Analyst, UserRole.Supervisor],
        [Supervise] = [UserRole.Supervisor],
        [Administer] = [UserRole.Administrator],
        [ImportAreas] = [UserRole.Supervisor, UserRole.Administrator],
    };

    public static void AddHotspotIntelPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var (name, roles) in RolesByPolicy)
        {
            var codes = roles.Select(EnumCodes<UserRole>.ToCode).ToArray();
            // Every role but the administrator acts for an agency; a token without one can record and read nothing.
            authorization.AddPolicy(name, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(HotspotIntelClaims.Role, codes)
                .RequireAssertion(context => roles.Contains(UserRole.Administrator) || context.User.HasClaim(c => c.Type == HotspotIntelClaims.Agency)));
        }

        // Everything not marked otherwise needs a signed-in user; health and the OpenAPI document are marked anonymous.
        authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
