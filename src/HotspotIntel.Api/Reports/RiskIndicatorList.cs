using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// The risk indicator list as one request read it, in list order: what a report's indicator codes are checked against
/// (reports and imports alike) and what counts are labelled with.
/// </summary>
internal sealed class RiskIndicatorList(IReadOnlyList<ListedRiskIndicator> all)
{
    private readonly Dictionary<string, ListedRiskIndicator> _byCode = all.ToDictionary(i => i.Code, StringComparer.Ordinal);

    /// <summary>Every indicator, built-in first, retired ones included.</summary>
    public IReadOnlyList<ListedRiskIndicator> All => all;

    public static async Task<RiskIndicatorList> LoadAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        new(await db.RiskIndicators.AsNoTracking().OrderBy(i => i.ListPosition).ThenBy(i => i.Code).ToListAsync(cancellationToken));

    public ListedRiskIndicator? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>
    /// The codes a report should carry, each once and trimmed, with each problem in <paramref name="errors"/> under
    /// <c>indicatorCodes</c>: a code not on the list, or a retired one the report does not already carry
    /// (<paramref name="current"/>: a report keeps a code retired after it was recorded, as actions keep a retired tactic).
    /// </summary>
    public List<string> Check(IEnumerable<string?> requested, IReadOnlyCollection<string> current, ValidationErrors errors)
    {
        var codes = new List<string>();
        foreach (var raw in requested)
        {
            var code = raw?.Trim() ?? "";
            if (Find(code) is not { } indicator)
            {
                errors.Add("indicatorCodes", $"'{code}' is not a risk indicator code. Active codes: "
                    + string.Join(", ", all.Where(i => !i.Retired).Select(i => i.Code)) + ".");
            }
            else if (indicator.Retired && !current.Contains(code))
            {
                errors.Add("indicatorCodes", $"{indicator.Label} ({indicator.Code}) is retired: no new report takes it.");
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
