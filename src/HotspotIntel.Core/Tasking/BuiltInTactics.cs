using Target = HotspotIntel.Core.Tasking.ActionTargetKind;

namespace HotspotIntel.Core.Tasking;

/// <summary>
/// The disruption tactics partnerships use against child sexual exploitation (England and Wales law), seeded into
/// every partnership's tactic list; administrators add their own beside them.
/// </summary>
public static class BuiltInTactics
{
    /// <summary>Every built-in tactic, in the order the tactic list shows them.</summary>
    public static IReadOnlyList<Tactic> All { get; } =
    [
        new("patrols", "Patrols", null, [Target.Hotspot, Target.Premises, Target.Location]),
        new("child_abduction_warning_notice_under_16", "Child Abduction Warning Notice (child under 16)",
            "Child Abduction Act 1984 s2", [Target.Person]),
        new("child_abduction_warning_notice_in_care", "Child Abduction Warning Notice (child in care)",
            "Children Act 1989 s49", [Target.Person]),
        new("letter_to_person_of_concern", "Letter to a person of concern", null, [Target.Person]),
        new("sexual_risk_order", "Sexual Risk Order", "Sexual Offences Act 2003 s122A", [Target.Person]),
        new("sexual_harm_prevention_order", "Sexual Harm Prevention Order",
            "Sentencing Act 2020 s345 (on conviction); Sexual Offences Act 2003 s103A (on application)", [Target.Person]),
        new("hotel_information_notice", "Hotel information notice",
            "Anti-social Behaviour, Crime and Policing Act 2014 s116", [Target.Premises]),
        new("closure_notice_and_order", "Closure notice and order",
            "Anti-social Behaviour, Crime and Policing Act 2014 s76 (notice), s80 (order)", [Target.Premises]),
        new("premises_licence_review", "Premises licence review", "Licensing Act 2003 s51", [Target.Premises]),
        // Outside London; London's private hire is licensed under the Private Hire Vehicles (London) Act 1998.
        new("taxi_licence_suspension_or_revocation", "Taxi or private-hire licence suspension or revocation",
            "Local Government (Miscellaneous Provisions) Act 1976 s60 (vehicle), s61 (driver), s62 (operator)", [Target.Vehicle, Target.Person, Target.Premises]),
        new("awareness_visit", "Hotel, B&B and taxi awareness visit", null, [Target.Hotspot, Target.Premises, Target.Vehicle]),
        new("test_purchase", "Test purchase", null, [Target.Premises, Target.Vehicle]),
        new("community_protection_notice", "Community Protection Notice",
            "Anti-social Behaviour, Crime and Policing Act 2014 s43", [Target.Person, Target.Premises]),
        new("cctv", "CCTV", null, [Target.Hotspot, Target.Premises, Target.Location]),
        new("detached_youth_work", "Detached youth work", null, [Target.Hotspot, Target.Location]),
        new("return_home_interview", "Return-home interview",
            "Statutory guidance on children who run away or go missing from home or care (Department for Education)", [Target.Person]),
    ];
}
