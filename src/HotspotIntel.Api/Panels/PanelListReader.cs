using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Panels;
using HotspotIntel.Core.Persons;
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
        var listed = new List<(PanelListItem Item, string Label)>();
        foreach (var item in items)
        {
            // A record gone between the two reads (or a person become a child): as absent as one never listed.
            if (await LabelAsync(db, item, readsPersons, cancellationToken) is { } label)
            {
                listed.Add((item, label));
            }
        }

        // The intelligence of every entry of a kind in one query, not a count and a latest report per entry.
        var intelligence = new Dictionary<Guid, MentionSummary>();
        foreach (var kind in listed.GroupBy(entry => entry.Item.EntityKind))
        {
            var summaries = await ReportConcerns.SummariseByKeyAsync(db, Mentioned(kind.Key), [.. kind.Select(entry => (entry.Item.Id, entry.Item.EntityId))],
                cancellationToken);
            foreach (var (itemId, summary) in summaries)
            {
                intelligence[itemId] = summary;
            }
        }

        var entries = new List<PanelListEntry>();
        foreach (var (item, label) in listed)
        {
            var summary = intelligence.GetValueOrDefault(item.Id);
            entries.Add(new PanelListEntry(item.Id, item.EntityKind, item.EntityId, label, item.Reason, item.AddedAt, item.AddedBy,
                new PanelIntelligence(summary?.Reports ?? 0, summary?.LatestAt, summary?.LatestGrading), await ActionsAsync(db, item, today, cancellationToken)));
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

    private static MentionedKind Mentioned(PanelEntityKind kind) => kind switch
    {
        PanelEntityKind.Person => MentionedKind.Person,
        PanelEntityKind.Premises => MentionedKind.Premises,
        PanelEntityKind.Vehicle => MentionedKind.Vehicle,
        _ => MentionedKind.Location,
    };

    private static async Task<List<DisruptionActionView>> ActionsAsync(HotspotIntelDbContext db, PanelListItem item, DateOnly today,
        CancellationToken cancellationToken)
    {
        var actions = DisruptionActionsApi.Filter(db, db.DisruptionActions.AsNoTracking().Include(a => a.Reports), [], null, null, [], null,
            item.PremisesId, item.VehicleId, item.LocationId, item.PersonId);
        var found = await actions.OrderByDescending(a => a.Id).Take(MostActionsPerEntry).ToListAsync(cancellationToken);
        return [.. found.Select(a => DisruptionActionView.Of(a, today))];
    }
}
