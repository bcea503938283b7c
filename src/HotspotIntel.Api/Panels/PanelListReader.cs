using HotspotIntel.Api.Data;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Panels;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Panels;

/// <summary>
/// Reads a panel's list as the session's reader may see it: row-level security leaves out every entry whose record the
/// reader may not read (migrations/0051), and the intelligence and actions of each entry are counted from what the
/// reader may read, as the premises and vehicle checks and the action board count them.
/// </summary>
internal static class PanelListReader
{
    /// <summary>At most this many actions per entry, newest first.</summary>
    public const int MostActionsPerEntry = 50;

    /// <summary>What roles that do not read persons see in place of a person's name (the persons API is theirs to refuse).</summary>
    public const string WithheldPerson = "Person (details withheld from your role)";

    public static async Task<PanelListView> ReadAsync(HotspotIntelDbContext db, Core.Panels.Panel panel, UserRole? role, DateOnly today,
        CancellationToken cancellationToken)
    {
        var items = await db.PanelListItems.AsNoTracking().Where(i => i.PanelId == panel.Id).OrderBy(i => i.AddedAt).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        var readsPersons = role is { } r && Policies.RolesByPolicy[Policies.HandlePersonIntelligence].Contains(r);
        var entries = new List<PanelListEntry>();
        foreach (var item in items)
        {
            var label = await LabelAsync(db, item, readsPersons, cancellationToken);
            if (label is null)
            {
                // A record gone between the two reads (or a person become a child): as absent as one never listed.
                continue;
            }

            entries.Add(new PanelListEntry(item.Id, item.EntityKind, item.EntityId, label, item.Reason, item.AddedAt, item.AddedBy,
                await IntelligenceAsync(Mentioning(db, item), cancellationToken), await ActionsAsync(db, item, today, cancellationToken)));
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var references = await db.PanelCaseReferences.AsNoTracking().Where(c => c.PanelId == panel.Id).OrderBy(c => c.AddedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return new PanelListView(panel.Id, panel.Name, entries,
            [.. references.Select(c => PanelCaseReferenceView.Of(c, agencies.GetValueOrDefault(c.HoldingAgencyId, "")))]);
    }

    /// <summary>The entry's name for the reader, or null when the reader may not see it (or it names a child, which no list shows).</summary>
    private static async Task<string?> LabelAsync(HotspotIntelDbContext db, PanelListItem item, bool readsPersons, CancellationToken cancellationToken)
    {
        switch (item.EntityKind)
        {
            case PanelEntityKind.Person:
                var person = await db.Persons.AsNoTracking().Where(p => p.Id == item.PersonId && p.Role != PersonRole.ChildAtRisk)
                    .Select(p => new { p.FamilyName, p.GivenNames }).SingleOrDefaultAsync(cancellationToken);
                return person is null ? null : readsPersons ? $"{person.FamilyName}, {person.GivenNames}" : WithheldPerson;
            case PanelEntityKind.Premises:
                return await db.Premises.AsNoTracking().Where(p => p.Id == item.PremisesId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
            case PanelEntityKind.Vehicle:
                return await db.Vehicles.AsNoTracking().Where(v => v.Id == item.VehicleId).Select(v => v.RegistrationMark).SingleOrDefaultAsync(cancellationToken);
            default:
                return await db.Locations.AsNoTracking().Where(l => l.Id == item.LocationId).Select(l => l.Name).SingleOrDefaultAsync(cancellationToken);
        }
    }

    /// <summary>The reports that mention the entry's record, through <c>reports_for_role</c> and the mention tables' row-level security.</summary>
    private static IQueryable<IntelligenceReport> Mentioning(HotspotIntelDbContext db, PanelListItem item)
    {
        var id = item.EntityId;
        return item.EntityKind switch
        {
            PanelEntityKind.Person => db.Reports.Where(r => r.Persons.Any(p => p.Id == id)),
            PanelEntityKind.Premises => db.Reports.Where(r => r.Premises.Any(p => p.Id == id)),
            PanelEntityKind.Vehicle => db.Reports.Where(r => r.Vehicles.Any(v => v.Id == id)),
            _ => db.Reports.Where(r => r.Locations.Any(l => l.Id == id)),
        };
    }

    private static async Task<PanelIntelligence> IntelligenceAsync(IQueryable<IntelligenceReport> reports, CancellationToken cancellationToken)
    {
        var count = await reports.CountAsync(cancellationToken);
        var latest = await reports.AsNoTracking().OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.OccurredAt, r.SourceEvaluation, r.IntelligenceAssessment, r.HandlingCode, r.HandlingConditions })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? new PanelIntelligence(count, null, null)
            : new PanelIntelligence(count, latest.OccurredAt,
                new Grading(latest.SourceEvaluation, latest.IntelligenceAssessment, latest.HandlingCode, latest.HandlingConditions).Code);
    }

    private static async Task<List<DisruptionActionView>> ActionsAsync(HotspotIntelDbContext db, PanelListItem item, DateOnly today,
        CancellationToken cancellationToken)
    {
        var actions = DisruptionActionsApi.Filter(db, db.DisruptionActions.AsNoTracking().Include(a => a.Reports), [], null, null, [], null,
            item.PremisesId, item.VehicleId, item.LocationId, item.PersonId);
        var found = await actions.OrderByDescending(a => a.Id).Take(MostActionsPerEntry).ToListAsync(cancellationToken);
        return [.. found.Select(a => DisruptionActionView.Of(a, today))];
    }
}
