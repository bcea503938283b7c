using System.ComponentModel;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Links;
using Microsoft.AspNetCore.Mvc;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Which links a network question follows: their types (recorded link types, or <c>co_occurrence</c> and
/// <c>co_location</c> for derived links), a minimum grading, a time window their time ranges must overlap, and the
/// agencies whose records they rest on. Empty lists and nulls follow every link the reader may see.
/// </summary>
public sealed record NetworkFilter(
    IReadOnlyList<string> LinkTypes,
    SourceEvaluation? MinSourceEvaluation,
    IntelligenceAssessment? MinIntelligenceAssessment,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<Guid> AgencyIds)
{
    public static readonly NetworkFilter None = new([], null, null, null, null, []);

    /// <summary>The codes <c>linkType</c> takes: every recorded link type and both derivations.</summary>
    public static IReadOnlyList<string> LinkTypeCodes { get; } =
        [.. EnumCodes<LinkType>.All, EnumCodes<LinkDerivation>.ToCode(LinkDerivation.CoOccurrence), EnumCodes<LinkDerivation>.ToCode(LinkDerivation.CoLocation)];
}

/// <summary>The query parameters of a <see cref="NetworkFilter"/>, shared by every network endpoint.</summary>
public sealed record NetworkFilterParameters
{
    [FromQuery(Name = "linkType"), Description("Link types to follow, repeated or comma-separated: recorded types (associate, frequents, …) and co_occurrence, co_location for derived links. Default: all")]
    public string[]? LinkType { get; init; }

    [FromQuery(Name = "minSourceEvaluation"), Description("Follow only links graded this reliable or better: 1, 2 or 3 (ungraded links are left out when set)")]
    public string? MinSourceEvaluation { get; init; }

    [FromQuery(Name = "minIntelligenceAssessment"), Description("Follow only links assessed this well or better: A to E (ungraded links are left out when set)")]
    public string? MinIntelligenceAssessment { get; init; }

    [FromQuery(Name = "from"), Description("Follow only links whose time range reaches this day or later (ISO 8601 date)")]
    public DateOnly? From { get; init; }

    [FromQuery(Name = "to"), Description("Follow only links whose time range starts on or before this day (ISO 8601 date)")]
    public DateOnly? To { get; init; }

    [FromQuery(Name = "agencyId"), Description("Follow only links recorded by (or derived from reports of) these agencies, repeated")]
    public Guid[]? AgencyId { get; init; }

    public NetworkFilter Read(ValidationErrors errors)
    {
        var types = new List<string>();
        foreach (var code in (LinkType ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var known = NetworkFilter.LinkTypeCodes.FirstOrDefault(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add("linkType", $"'{code}' is not one of: {string.Join(", ", NetworkFilter.LinkTypeCodes)}.");
            }
            else
            {
                types.Add(known);
            }
        }

        var source = CodeListInput.ReadOne<SourceEvaluation>(MinSourceEvaluation, "minSourceEvaluation", errors);
        var assessment = CodeListInput.ReadOne<IntelligenceAssessment>(MinIntelligenceAssessment, "minIntelligenceAssessment", errors);
        if (From > To)
        {
            errors.Add("to", "Cannot be before from.");
        }

        if (AgencyId is { Length: > 100 })
        {
            errors.Add("agencyId", "At most 100 agencies.");
        }

        return new NetworkFilter([.. types.Distinct()], source, assessment, From, To, [.. (AgencyId ?? []).Distinct()]);
    }
}
