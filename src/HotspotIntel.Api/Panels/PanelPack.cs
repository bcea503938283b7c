using System.Globalization;
using System.Text;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.MeetingPacks;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Panels;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Tasking;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;

namespace HotspotIntel.Api.Panels;

/// <summary>
/// A panel meeting's pack, as its reader may see it, rendered three ways from the same values with the meeting packs'
/// renderers (<see cref="MeetingPackPdf.Writer"/>, <see cref="MeetingPackHtml"/>, <see cref="MeetingPackCsv"/>): the list
/// with its intelligence and actions, the children's case references, attendees by agency, decisions and the actions
/// agreed, under the highest marking of its content on every page. It names no child: the list holds none (row-level
/// security refuses one), actions are shown by tactic, status and owner (never their notes), and a target not on the
/// list by kind and id only.
/// </summary>
internal static class PanelPack
{
    /// <summary>The pack's words and tables.</summary>
    public sealed record Content(string Title, string MarkingCode, string Handling, IReadOnlyList<string> Summary, IReadOnlyList<PackTable> Tables);

    /// <summary>One rendered file.</summary>
    public sealed record File(byte[] Content, string ContentType);

    public static async Task<Content> ReadAsync(HotspotIntelDbContext db, Panel panel, PanelMeeting meeting, PanelListView list, string madeBy,
        RecordingContext recording, CancellationToken cancellationToken)
    {
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        string Agency(Guid id) => agencies.GetValueOrDefault(id, id.ToString());
        var labels = list.Items.ToDictionary(i => (i.EntityKind, i.EntityId), i => i.Label);

        var restrictions = new List<(SecurityMarking Marking, string? Conditions)> { (panel.SecurityMarking, panel.HandlingConditions) };
        restrictions.AddRange(await RecordRestrictionsAsync(db, list, cancellationToken));
        var actions = list.Items.SelectMany(i => i.Actions).Concat(meeting.Actions.Select(a => DisruptionActionView.Of(a, recording.Today))).ToList();
        restrictions.AddRange(actions.Select(a => (a.Restrictions.SecurityMarking, a.Restrictions.HandlingConditions)));
        var marking = restrictions.Max(r => r.Marking);
        var conditions = restrictions.Select(r => r.Conditions).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var tables = new List<PackTable>
        {
            new("list", "The panel's list",
                "Adults of concern, premises, vehicles and places on the list that the pack's maker may see (others are left out, and not counted), "
                + "as GET /api/panels/{id}/list shows them: reports that mention each, the latest's grading, and open actions.",
                ["entryId", "entityKind", "entityId", "name", "reason", "addedAt", "reportCount", "latestReportAt", "latestGrading", "openActions"],
                [.. list.Items.Select(i => (IReadOnlyList<string>)[i.Id.ToString(), Code(i.EntityKind), i.EntityId.ToString(), i.Label, i.Reason, Time(i.AddedAt),
                    Number(i.Intelligence.ReportCount), Time(i.Intelligence.LatestReportAt), i.Intelligence.LatestGrading ?? "",
                    Number(i.Actions.Count(a => ActionWorkflow.IsOpen(a.Status)))])]),
            new("list-actions", "Actions on the list's entries",
                "Disruption actions on each entry that the maker may see, newest first: tactic, status, owner and dates (their notes are not included).",
                ["entryId", "name", "actionId", "tacticCode", "status", "ownerAgency", "dueOn", "overdue"],
                [.. list.Items.SelectMany(i => i.Actions.Select(a => (IReadOnlyList<string>)[i.Id.ToString(), i.Label, a.Id.ToString(), a.TacticCode,
                    Code(a.Status), Agency(a.OwnerAgencyId), Day(a.DueOn), a.Overdue ? "yes" : "no"]))]),
            new("case-references", "Children (case references only)",
                "The children the panel is concerned with, by the case reference of the social-care system that holds each case: never a name.",
                ["caseReference", "holdingAgency"],
                [.. list.CaseReferences.Select(c => (IReadOnlyList<string>)[c.CaseReference, c.HoldingAgencyName])]),
            new("attendees", "Attendees by agency", "The professionals at the meeting: agency, role, and name where recorded.",
                ["agency", "role", "name"],
                [.. meeting.Attendees.Select(a => (Agency: Agency(a.AgencyId), a.Role, a.Name)).OrderBy(a => a.Agency, StringComparer.Ordinal).ThenBy(a => a.Role, StringComparer.Ordinal)
                    .Select(a => (IReadOnlyList<string>)[a.Agency, a.Role, a.Name ?? ""])]),
            new("decisions", "Decisions", "What the meeting decided.", ["decidedAt", "decision"],
                [.. meeting.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).Select(d => (IReadOnlyList<string>)[Time(d.DecidedAt), d.Text])]),
            new("new-actions", "New actions", "The disruption actions the meeting agreed that the maker may see, as the action board holds them.",
                ["actionId", "tacticCode", "target", "ownerAgency", "ownerOfficer", "status", "dueOn"],
                [.. meeting.Actions.OrderBy(a => a.Id).Select(a => (IReadOnlyList<string>)[a.Id.ToString(), a.TacticCode, Target(a, labels), Agency(a.OwnerAgencyId),
                    a.OwnerOfficer ?? "", Code(a.Status), Day(a.DueOn)])]),
        };

        var kind = panel.Kind switch { PanelKind.Mace => "MACE panel", PanelKind.Cmog => "CMOG panel", _ => "Perpetrator forum" };
        var title = $"{panel.Name}: meeting of {meeting.HeldAt.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        IReadOnlyList<string> summary =
        [
            $"{kind} {panel.Name}, meeting held {Time(meeting.HeldAt)} (UTC). Made by {madeBy} at {Time(recording.Now)}, from what that user may see: "
                + "entries of the list that user may not see are left out, and not counted.",
            "No child is named in this pack: the panel knows the children it is concerned with only by the case reference of the social-care "
                + "system that holds each case.",
            string.Join("; ", tables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Title}: {t.Rows.Count}"))) + ".",
        ];
        return new Content(title, EnumCodes<SecurityMarking>.ToCode(marking), MeetingPackText.Handling(conditions.Count == 0 ? null : string.Join("; ", conditions)),
            summary, tables);
    }

    /// <summary>The file named <paramref name="name"/> (pack.pdf, pack.html or a table's CSV), or null when the pack has none of that name.</summary>
    public static File? Render(Content pack, string name) => name switch
    {
        "pack.pdf" => new File(Pdf(pack), "application/pdf"),
        "pack.html" => new File(Html(pack), "text/html; charset=utf-8"),
        _ => pack.Tables.FirstOrDefault(t => $"{t.Id}.csv" == name) is { } table ? new File(MeetingPackCsv.Render(table), "text/csv; charset=utf-8") : null,
    };

    public static byte[] Pdf(Content pack)
    {
        PackFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = pack.Title;
        document.Info.Subject = $"{pack.MarkingCode} panel meeting pack";
        var writer = new MeetingPackPdf.Writer(document);
        writer.Heading(pack.Title, 16);
        foreach (var line in pack.Summary)
        {
            writer.Paragraph(line, 9);
        }

        foreach (var table in pack.Tables)
        {
            writer.Table(table);
        }

        writer.Finish(pack.MarkingCode, pack.Handling, pack.Title);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    public static byte[] Html(Content pack)
    {
        var html = new StringBuilder();
        MeetingPackHtml.Open(html, pack.Title, pack.MarkingCode, pack.Handling);
        foreach (var line in pack.Summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{MeetingPackHtml.E(line)}</p>\n");
        }

        foreach (var table in pack.Tables)
        {
            MeetingPackHtml.Table(html, table);
        }

        MeetingPackHtml.Close(html, pack.MarkingCode, pack.Handling);
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>The markings and conditions of the records on the list (read under the maker's row-level security, as the list was).</summary>
    private static async Task<List<(SecurityMarking, string?)>> RecordRestrictionsAsync(HotspotIntelDbContext db, PanelListView list, CancellationToken cancellationToken)
    {
        async Task<IEnumerable<(SecurityMarking, string?)>> Of<TRecord>(IQueryable<TRecord> records, PanelEntityKind kind) where TRecord : RecordRestrictions
        {
            var ids = list.Items.Where(i => i.EntityKind == kind).Select(i => i.EntityId).ToList();
            var found = await records.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.SecurityMarking, r.HandlingConditions })
                .ToListAsync(cancellationToken);
            return found.Select(r => (r.SecurityMarking, r.HandlingConditions));
        }

        return [.. await Of(db.Persons, PanelEntityKind.Person), .. await Of(db.Premises, PanelEntityKind.Premises),
            .. await Of(db.Vehicles, PanelEntityKind.Vehicle), .. await Of(db.Locations, PanelEntityKind.Location)];
    }

    /// <summary>An action's target: its name from the list when it is on the list, otherwise its kind and id (never a name read elsewhere).</summary>
    private static string Target(DisruptionAction action, Dictionary<(PanelEntityKind, Guid), string> labels)
    {
        (PanelEntityKind Kind, Guid? Id) target = action.TargetKind switch
        {
            ActionTargetKind.Person => (PanelEntityKind.Person, action.PersonId),
            ActionTargetKind.Premises => (PanelEntityKind.Premises, action.PremisesId),
            ActionTargetKind.Vehicle => (PanelEntityKind.Vehicle, action.VehicleId),
            ActionTargetKind.Location => (PanelEntityKind.Location, action.LocationId),
            _ => (PanelEntityKind.Location, null),
        };
        return target.Id is { } id && labels.TryGetValue((target.Kind, id), out var label)
            ? label
            : action.TargetKind == ActionTargetKind.Hotspot ? $"hotspot {action.HotspotId}" : $"{Code(action.TargetKind)} {target.Id}";
    }

    private static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
