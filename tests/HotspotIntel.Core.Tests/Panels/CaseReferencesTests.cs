using HotspotIntel.Core.Panels;

namespace HotspotIntel.Core.Tests.Panels;

public sealed class CaseReferencesTests
{
    [Theory]
    [InlineData("LCS-204518")]
    [InlineData("CS/2026/00412")]
    [InlineData("1234")]
    public void A_numbered_case_reference_is_accepted(string reference) => Assert.Null(CaseReferences.Problem(reference));

    [Theory]
    [InlineData("Perpetua Wrenfeather")]
    [InlineData("PerpetuaWrenfeather")]
    [InlineData("Wrenfeather-14")]
    [InlineData("Wrenfeather-2014")]
    [InlineData("Wrenfeather 2014-03-02")]
    [InlineData("")]
    [InlineData("-123456")]
    public void A_reference_that_could_carry_a_name_is_refused(string reference) => Assert.NotNull(CaseReferences.Problem(reference));
}
