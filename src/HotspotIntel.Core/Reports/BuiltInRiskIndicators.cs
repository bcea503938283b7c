namespace HotspotIntel.Core.Reports;

/// <summary>
/// The risk indicators of common child sexual exploitation screening tools (the signs in the Department for
/// Education's "Child sexual exploitation: definition and guide for practitioners", 2017), seeded into every
/// partnership's indicator list; administrators add their own beside them.
/// </summary>
public static class BuiltInRiskIndicators
{
    /// <summary>Every built-in indicator, in the order the list shows them.</summary>
    public static IReadOnlyList<RiskIndicator> All { get; } =
    [
        new("older_boyfriend_or_girlfriend", "Older boyfriend or girlfriend",
            "A relationship with someone notably older, or an adult the child calls a boyfriend or girlfriend."),
        new("gifts_or_money", "Gifts or money", "Gifts, money, alcohol, food, lifts or favours from adults, with no plausible reason."),
        new("going_missing", "Going missing", "Missing from home, care or school, or staying out late or overnight without explanation."),
        new("substance_misuse", "Substance misuse", "Drinking or drug use, or being given alcohol or drugs by adults."),
        new("unexplained_money_or_phone", "Unexplained money or phone",
            "Money, clothes, a new or second phone or phone credit the child cannot account for."),
        new("transported_by_adults", "Transported by unknown adults",
            "Picked up or dropped off by adults in cars or taxis, or seen in them with adults not known to the family."),
        new("absent_from_school", "Absent from school", "Truancy, exclusion or a sudden fall in attendance."),
        new("online_contact_with_adults", "Online contact with unknown adults",
            "Contact through social media, messaging or gaming with adults the family does not know."),
        new("exploited_peers", "Association with exploited peers", "Friends or associates who are being, or have been, sexually exploited."),
        new("unexplained_injuries", "Unexplained injuries", "Injuries, or signs of physical or sexual assault, not accounted for."),
    ];
}
