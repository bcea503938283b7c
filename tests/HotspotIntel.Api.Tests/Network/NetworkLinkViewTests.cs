using HotspotIntel.Api.Network;

namespace HotspotIntel.Api.Tests.Network;

public sealed class NetworkLinkViewTests
{
    // md5('co_location|0190a1b2-…-000000000001|0190a1b2-…-000000000002')::uuid, as PostgreSQL and Python's uuid.UUID(md5.hexdigest()) give it.
    private static readonly Guid Expected = Guid.Parse("2e79adec-533e-c332-2195-77c980308f9c");

    [Fact]
    public void Derived_id_is_the_md5_of_derivation_and_pair_read_as_a_uuid_whichever_end_comes_first()
    {
        var one = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
        var other = Guid.Parse("0190a1b2-0000-7000-8000-000000000002");

        Assert.Equal(Expected, NetworkLinkView.DerivedId("co_location", one, other));
        Assert.Equal(Expected, NetworkLinkView.DerivedId("co_location", other, one));
    }

    [Fact]
    public void Links_made_from_the_copys_codes_are_those_made_from_link_ends()
    {
        Guid Id(int n) => Guid.Parse($"0190a1b2-0000-7000-8000-{n:D12}");
        var (police, council) = (Id(900), Id(901));
        var day = new DateOnly(2026, 3, 1).DayNumber;
        IndexedEnd End(int link, byte derivation, byte type, byte marking, byte source, byte assessment, int starts, int ends, int evidence) =>
            new()
            {
                LinkId = Id(link),
                Derivation = derivation,
                LinkType = type,
                SecurityMarking = marking,
                SourceEvaluation = source,
                IntelligenceAssessment = assessment,
                StartsOn = starts,
                EndsOn = ends,
                EvidenceCount = evidence,
            };
        var person = Core.Links.EntityKind.Person;
        var premises = Core.Links.EntityKind.Premises;
        var derivedType = (byte)NetworkFilter.LinkTypeCodes.ToList().IndexOf("co_location");
        var ends = new List<ShownEnd>
        {
            // A recorded link, read from either end: itself.
            new(Id(2), person, Id(1), person, police, council, End(100, 0, 0, 1, 2, 3, day, day + 10, -1)),
            // A derived link's classes, one of them twice, one ungraded, one graded by its source alone, one open-ended.
            new(Id(1), person, Id(3), premises, police, police, End(200, 2, derivedType, 0, 0, 0, day - 5, int.MaxValue, 4)),
            new(Id(3), premises, Id(1), person, council, police, End(201, 2, derivedType, 1, 3, 2, day, day + 2, 2)),
            new(Id(1), person, Id(3), premises, police, police, End(200, 2, derivedType, 0, 0, 0, day - 5, int.MaxValue, 4)),
            new(Id(1), person, Id(3), premises, council, council, End(202, 2, derivedType, 0, 3, 0, int.MinValue, day + 1, 1)),
            // The same pair by another derivation, and another pair.
            new(Id(1), person, Id(3), premises, police, police, End(203, 1, (byte)NetworkFilter.LinkTypeCodes.ToList().IndexOf("co_occurrence"), 0, 1, 1, day, day, 3)),
            new(Id(4), person, Id(2), person, police, police, End(204, 2, derivedType, 0, 2, 1, day, day, 1)),
        };
        string[] derivations = ["recorded", "co_occurrence", "co_location"];
        var asLinkEnds = ends.Select(shown => new LinkEnd(shown.EntityId, shown.End.LinkId, Core.EnumCodes<Core.Links.EntityKind>.ToCode(shown.EntityKind),
            shown.OtherId, Core.EnumCodes<Core.Links.EntityKind>.ToCode(shown.OtherKind), derivations[shown.End.Derivation],
            NetworkFilter.LinkTypeCodes[shown.End.LinkType], shown.AgencyId, shown.PairedAgencyId,
            Core.EnumCodes<Core.Records.SecurityMarking>.All[shown.End.SecurityMarking],
            shown.End.SourceEvaluation == 0 ? null : Core.EnumCodes<Core.Grading.SourceEvaluation>.All[shown.End.SourceEvaluation - 1],
            shown.End.IntelligenceAssessment == 0 ? null : Core.EnumCodes<Core.Grading.IntelligenceAssessment>.All[shown.End.IntelligenceAssessment - 1],
            shown.End.StartsOn == int.MinValue ? null : DateOnly.FromDayNumber(shown.End.StartsOn),
            shown.End.EndsOn == int.MaxValue ? null : DateOnly.FromDayNumber(shown.End.EndsOn),
            shown.End.EvidenceCount < 0 ? null : shown.End.EvidenceCount)).ToList();

        var fromCodes = NetworkLinkView.Of((IReadOnlyList<ShownEnd>)ends);
        var fromEnds = NetworkLinkView.Of(asLinkEnds);

        Assert.Equal(4, fromEnds.Count);
        Assert.Equal(fromEnds.Select(Shown), fromCodes.Select(Shown));
        var derived = fromCodes.Single(link => link.Derivation == Core.Links.LinkDerivation.CoLocation && link.To == Id(3));
        Assert.Equal((7, "3", new DateOnly?(), new DateOnly?()), (derived.EvidenceCount, derived.Grading, derived.StartsOn, derived.EndsOn));
    }

    // A link as the API writes it, its agencies' list by value.
    private static string Shown(NetworkLinkView link) => (link with { AgencyIds = [] }) + " agencies " + string.Join(",", link.AgencyIds);
}
