using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Core.Tests.Tasking;

public sealed class TacticTests
{
    [Fact]
    public void Every_built_in_tactic_is_valid_and_has_its_own_code()
    {
        Assert.All(BuiltInTactics.All, tactic => Assert.Empty(tactic.Problems()));
        Assert.Equal(BuiltInTactics.All.Count, BuiltInTactics.All.Select(tactic => tactic.Code).Distinct().Count());
    }

    [Theory]
    [InlineData("child_abduction_warning_notice_under_16", "Child Abduction Act 1984 s2")]
    [InlineData("child_abduction_warning_notice_in_care", "Children Act 1989 s49")]
    [InlineData("hotel_information_notice", "Anti-social Behaviour, Crime and Policing Act 2014 s116")]
    [InlineData("closure_notice_and_order", "Anti-social Behaviour, Crime and Policing Act 2014 s76")]
    [InlineData("premises_licence_review", "Licensing Act 2003")]
    public void Built_in_tactics_carry_the_legal_basis_DESIGN_names(string code, string legalBasis) =>
        Assert.Contains(legalBasis, BuiltInTactics.All.Single(tactic => tactic.Code == code).LegalBasis);

    [Theory]
    [InlineData("child_abduction_warning_notice_under_16", ActionTargetKind.Person, true)]
    [InlineData("child_abduction_warning_notice_under_16", ActionTargetKind.Premises, false)]
    [InlineData("hotel_information_notice", ActionTargetKind.Premises, true)]
    [InlineData("hotel_information_notice", ActionTargetKind.Hotspot, false)]
    [InlineData("patrols", ActionTargetKind.Hotspot, true)]
    [InlineData("patrols", ActionTargetKind.Person, false)]
    [InlineData("taxi_licence_suspension_or_revocation", ActionTargetKind.Vehicle, true)]
    public void A_tactic_applies_to_its_target_kinds_only(string code, ActionTargetKind kind, bool applies) =>
        Assert.Equal(applies, BuiltInTactics.All.Single(tactic => tactic.Code == code).AppliesTo(kind));

    [Fact]
    public void An_administrator_s_tactic_is_checked_field_by_field()
    {
        var tactic = new Tactic("Street Pastors!", " ", "", []);

        Assert.Equal(["code", "name", "legalBasis", "targetKinds"], tactic.Problems().Select(problem => problem.Field));
    }

    [Fact]
    public void An_administrator_s_tactic_names_each_target_kind_once()
    {
        var tactic = new Tactic("street_pastors", "Street pastors", null, [ActionTargetKind.Hotspot, ActionTargetKind.Hotspot]);

        Assert.Equal("targetKinds", Assert.Single(tactic.Problems()).Field);
        Assert.Empty((tactic with { TargetKinds = [ActionTargetKind.Hotspot, ActionTargetKind.Location] }).Problems());
    }
}
